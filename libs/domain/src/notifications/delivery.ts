export type DeliveryChannel = 'email' | 'webhook';

/**
 * queued: waiting for (another) attempt; delivered: accepted by the SMTP server or the webhook
 * receiver; logged: no SMTP server configured, written to the log only; failed: retries
 * exhausted or refused for good; held: its webhook subscription is paused (sent on resume).
 */
export const DELIVERY_STATUSES = ['queued', 'delivered', 'logged', 'failed', 'held'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Who a webhook subscription listens for: one working group, one person, or the whole network. */
export type WebhookScope = 'group' | 'user' | 'network';
export type WebhookStatus = 'active' | 'paused' | 'disabled';
