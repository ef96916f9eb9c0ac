import type { WebhookScope, WebhookStatus } from '@pact/domain';

export interface WebhookSubscriptionRecord {
  id: string;
  url: string;
  secret: string;
  scope: WebhookScope;
  groupKey?: string;
  userId?: string;
  kinds: string[];
  description?: string;
  status: WebhookStatus;
  consecutiveFailures: number;
  pausedAt?: Date;
  pausedReason?: string;
  lastError?: string;
  lastAttemptAt?: Date;
  lastSuccessAt?: Date;
  createdAt: Date;
  createdBy: string;
  ownerUserId?: string;
  disabledAt?: Date;
}
