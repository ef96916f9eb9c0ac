/** What a message is about. Webhook subscribers filter on these names; templates are keyed by them. */
export const NOTIFICATION_KINDS = [
  'task-requested',
  'reminder',
  'overdue',
  'escalated',
  'escalation-summary',
  'extended',
  'report-compiled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds a person is told about by e-mail. `overdue` is left to webhooks: level-1 escalation tells the chair at the same moment. */
export const EMAIL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter((k) => k !== 'overdue');
