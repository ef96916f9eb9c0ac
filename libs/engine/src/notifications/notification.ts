import type { LocalizedText, NotificationKind } from '@pact/domain';
import type { CycleRecord, TaskRecord } from '@pact/persistence';

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

/**
 * What to tell whom about a task: the notification naming the task's cycle and milestone (their
 * ids when the cycle is gone) and the due date it is about (by default the task's own; an
 * extension's or a timer's due version may say another). The one builder for deadlines and
 * extension requests alike.
 */
export function notificationAbout(
  task: TaskRecord,
  cycle: CycleRecord | null,
  what: { kind: NotificationKind; audience: Notification['audience']; recipients: Recipient[]; details: Record<string, unknown>; dueAt?: Date },
): Notification {
  return {
    kind: what.kind,
    audience: what.audience,
    recipients: what.recipients,
    cycleId: task.cycleId,
    cycleName: cycle?.name ?? task.cycleId,
    taskId: task.id,
    groupKey: task.groupKey,
    milestoneTitle: cycle?.milestones.find((m) => m.key === task.milestoneKey)?.title ?? task.milestoneKey,
    dueAt: what.dueAt ?? task.dueAt,
    details: what.details,
  };
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
