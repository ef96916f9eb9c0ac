import { Schema } from 'mongoose';

const opts = { versionKey: false as const, minimize: false };

/**
 * One message to one recipient on one channel, with every attempt to deliver it. The id is
 * derived from the notification's dedupe key, channel and recipient, so planning the same
 * notification twice (a retried job) creates nothing new.
 */
export const DeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    kind: { type: String, required: true },
    channel: { type: String, required: true },
    /** E-mail: the address; webhook: the subscription's URL. */
    recipient: { type: String, required: true },
    subscriptionId: String,
    cycleId: String,
    taskId: String,
    groupKey: String,
    /** E-mail: { language, subject, text }; webhook: the JSON event sent as the body. */
    message: Schema.Types.Mixed,
    status: { type: String, required: true },
    attempts: { type: [Schema.Types.Mixed], default: [] },
    attemptCount: { type: Number, default: 0 },
    /** Incremented by a manual retry or a resumed subscription: each round is one queue job. */
    round: { type: Number, default: 0 },
    lastError: String,
    createdAt: Date,
    updatedAt: Date,
    deliveredAt: Date,
  },
  { ...opts, collection: 'deliveries', _id: false },
);
DeliverySchema.index({ status: 1, createdAt: 1 });
DeliverySchema.index({ cycleId: 1, createdAt: 1 });
DeliverySchema.index({ subscriptionId: 1, status: 1 });
DeliverySchema.index({ taskId: 1 });

export const WebhookSubscriptionSchema = new Schema(
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
  { ...opts, collection: 'webhook_subscriptions' },
);
