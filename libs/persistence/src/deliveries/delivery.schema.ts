import { Schema } from 'mongoose';
import { Stored } from '../records';
import { DeliveryRecord } from './delivery.record';

export const DELIVERY_MODEL = 'Delivery';

/** A delivery as stored: its id, derived from what it delivers, is the document's _id. */
export type StoredDelivery = Stored<DeliveryRecord> & { _id: string };

/**
 * One message to one recipient on one channel, with every attempt to deliver it (collection
 * `deliveries`). The id is derived from the notification's dedupe key, channel and recipient, so
 * planning the same notification twice (a retried job) creates nothing new.
 */
export const DeliverySchema = new Schema<StoredDelivery>(
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
    // `[{}]` is an array of Mixed, as `[Schema.Types.Mixed]`, spelled so Mongoose's types accept DeliveryAttempt elements.
    attempts: { type: [{}], default: [] },
    attemptCount: { type: Number, default: 0 },
    /** Incremented by a manual retry or a resumed subscription: each round is one queue job. */
    round: { type: Number, default: 0 },
    lastError: String,
    createdAt: Date,
    updatedAt: Date,
    deliveredAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'deliveries', _id: false },
);
// queued() (the reconciler's queued deliveries, oldest first), requeue({ from }) and list/count by status.
DeliverySchema.index({ status: 1, createdAt: 1 });
// list/count({ cycleId }): a cycle's delivery log, newest first.
DeliverySchema.index({ cycleId: 1, createdAt: 1 });
// requeue({ subscriptionId }) (a resumed subscription's held deliveries) and list/count({ subscriptionId }).
DeliverySchema.index({ subscriptionId: 1, status: 1 });
// existsFor(dedupeKey): whether a notification was planned (a reminder's rerun asks).
DeliverySchema.index({ dedupeKey: 1 });
// list/count({ taskId }): a task's deliveries.
DeliverySchema.index({ taskId: 1 });
