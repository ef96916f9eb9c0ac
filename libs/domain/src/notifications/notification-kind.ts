/** What a message is about. Webhook subscribers filter on these names; templates are keyed by them. */
export const NOTIFICATION_KINDS = [
  'task-requested',
  'reminder',
  'overdue',
  'escalated',
  'escalation-summary',
  'extended',
  'report-compiled',
  /** A chair asked for more time: the committee is told (it decides). */
  'extension-requested',
  /** The committee refused a chair's request: the chair is told (a grant sends `extended`). */
  'extension-refused',
  /**
   * The committee named a person chair of a group (on the working group, or by adding or editing
   * the person): they are told which group, what is waiting for them and how to sign in.
   */
  'chair-welcome',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Messages to one person about their own account, sent at once and never to webhooks: not
 * notifications (webhook subscribers cannot filter on them), but written in the same catalogs.
 */
export const PERSONAL_MESSAGE_KINDS = ['sign-in-link'] as const;
export type PersonalMessageKind = (typeof PERSONAL_MESSAGE_KINDS)[number];

/** Every kind of message a catalog holds. */
export const MESSAGE_KINDS = [...NOTIFICATION_KINDS, ...PERSONAL_MESSAGE_KINDS] as const;
export type MessageKind = NotificationKind | PersonalMessageKind;
