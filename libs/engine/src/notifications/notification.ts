import type { LocalizedText, NotificationKind } from '@pact/domain';

export type { NotificationKind };

/** A person who gets e-mail: language and time zone decide how the message reads. */
export interface Recipient {
  name: string;
  email: string;
  language: string;
  timeZone: string;
}

/**
 * Something people must hear about, as the engine states it. NotificationService turns it into
 * deliveries: one e-mail per recipient, one webhook call per matching subscription.
 */
export interface Notification {
  kind: NotificationKind;
  /** Who the message is for: chairs of `groupKey`, or the steering committee (decides user-scoped webhooks). */
  audience: 'chair' | 'committee';
  /** E-mail recipients; empty when only webhooks are told (overdue, and level 2, which the committee reads in its summary). */
  recipients: Recipient[];
  cycleId: string;
  cycleName: string;
  taskId?: string;
  groupKey?: string;
  milestoneTitle?: LocalizedText;
  dueAt?: Date;
  /** Kind-specific facts: escalation level, reminder's days left, extension reason, … */
  details?: Record<string, unknown>;
}

/** What a channel reports when it could not deliver; `retryable` decides whether another attempt follows. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: number,
  ) {
    super(message);
  }
}

export interface ChannelResult {
  /** logged: no transport configured, written to the log only. */
  status: 'delivered' | 'logged';
  code?: number;
}
