export type NotificationKind = 'task-requested' | 'reminder' | 'overdue' | 'escalated' | 'extended' | 'report-compiled';

export interface Recipient {
  name: string;
  email: string;
  language: string;
}

export interface Notification {
  kind: NotificationKind;
  recipients: Recipient[];
  cycleId: string;
  cycleName: string;
  taskId?: string;
  groupKey?: string;
  milestoneTitle?: string;
  dueAt?: Date;
  /** Kind-specific facts: escalation level, reminder's days left, extension reason, … */
  details?: Record<string, unknown>;
}

/**
 * Where notifications go. The engine depends on this interface only; the logging
 * implementation is the default until real delivery (e-mail, webhooks) is configured.
 */
export interface ChairNotifier {
  readonly channel: string;
  deliver(notification: Notification): Promise<void>;
}

export const CHAIR_NOTIFIER = Symbol('CHAIR_NOTIFIER');
