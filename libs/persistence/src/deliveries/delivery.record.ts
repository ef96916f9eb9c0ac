import type { DeliveryChannel, DeliveryStatus } from '@pact/domain';

export interface DeliveryAttempt {
  n: number;
  at: Date;
  status: 'delivered' | 'logged' | 'failed';
  error?: string;
  /** SMTP reply code or HTTP status, when there was one. */
  code?: number;
  durationMs: number;
  /** Whether another attempt follows. */
  willRetry: boolean;
}

export interface DeliveryRecord {
  id: string;
  dedupeKey: string;
  kind: string;
  channel: DeliveryChannel;
  recipient: string;
  subscriptionId?: string;
  cycleId?: string;
  taskId?: string;
  groupKey?: string;
  message: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  attemptCount: number;
  round: number;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt?: Date;
}
