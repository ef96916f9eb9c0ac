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
