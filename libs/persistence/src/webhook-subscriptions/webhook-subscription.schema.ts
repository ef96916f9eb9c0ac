import { Schema } from 'mongoose';
import { Stored } from '../records';
import { WebhookSubscriptionRecord } from './webhook-subscription.record';

export const WEBHOOK_SUBSCRIPTION_MODEL = 'WebhookSubscription';

/** Webhook subscriptions (collection `webhook_subscriptions`). */
export const WebhookSubscriptionSchema = new Schema<Stored<WebhookSubscriptionRecord>>(
  {
    url: { type: String, required: true },
    /** Signs every request (HMAC-SHA256); shown once at creation, never listed. */
    secret: { type: String, required: true },
    scope: { type: String, required: true },
    groupKey: String,
    userId: String,
    /** Kinds sent; empty means every kind. */
    kinds: { type: [String], default: [] },
    description: String,
    // list({ status }) and listReceiving (the subscriptions every notification is matched against).
    status: { type: String, required: true, index: true },
    consecutiveFailures: { type: Number, default: 0 },
    pausedAt: Date,
    pausedReason: String,
    lastError: String,
    lastAttemptAt: Date,
    lastSuccessAt: Date,
    createdAt: Date,
    createdBy: String,
    ownerUserId: String,
    disabledAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'webhook_subscriptions' },
);
