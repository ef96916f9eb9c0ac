import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { PERSONAL_MESSAGE_KINDS } from '@pact/domain';
import { Model } from 'mongoose';
import { driverCollection, isDuplicateKey, toRecord } from '../records';
import { DeliveryAttempt, DeliveryRecord } from './delivery.record';
import { DELIVERY_MODEL, StoredDelivery } from './delivery.schema';
import { RetriedWhenNotApplied } from '../transient-errors';
import type { DeliveryStatus } from '@pact/domain';

export type NewDelivery = Omit<DeliveryRecord, 'attempts' | 'attemptCount' | 'round' | 'updatedAt' | 'deliveredAt' | 'lastError'>;
export interface QueuedDelivery {
  id: string;
  round: number;
}

export interface DeliveryFilter {
  status?: DeliveryStatus[];
  channel?: string;
  kind?: string;
  cycleId?: string;
  taskId?: string;
  groupKey?: string;
  subscriptionId?: string;
  recipient?: string;
}

/** A delivery in one of these states gets no further attempt. */
const SETTLED: DeliveryStatus[] = ['delivered', 'logged', 'failed'];

/** The delivery log: planned deliveries and every attempt, appended to the document. */
@Injectable()
@RetriedWhenNotApplied()
export class DeliveryRepository {
  constructor(@InjectModel(DELIVERY_MODEL) private readonly model: Model<StoredDelivery>) {}

  /** Inserts the planned deliveries; those planned before (same id) are left as they are. */
  async insertNew(deliveries: NewDelivery[]): Promise<void> {
    if (!deliveries.length) return;
    const docs = deliveries.map(({ id, ...d }) => ({ _id: id, ...d, attempts: [], attemptCount: 0, round: 0, updatedAt: d.createdAt }));
    try {
      await driverCollection(this.model).insertMany(docs, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /**
   * Records a delivery that was attempted at once rather than queued (a personal message such as
   * a sign-in link): it is stored settled, so no worker or reconciler ever sends it again.
   */
  async insertSettled(d: NewDelivery, attempts: DeliveryAttempt[]): Promise<void> {
    const { id, ...rest } = d;
    const last = attempts[attempts.length - 1];
    await driverCollection(this.model).insertOne({
      _id: id,
      ...rest,
      attempts,
      attemptCount: attempts.length,
      round: 0,
      updatedAt: last?.at ?? d.createdAt,
      ...(last && last.status !== 'failed' ? { deliveredAt: last.at } : {}),
      ...(last?.error ? { lastError: last.error } : {}),
    });
  }

  /** Whether any delivery was planned for the notification with this dedupe key. */
  async existsFor(dedupeKey: string): Promise<boolean> {
    return (await this.model.exists({ dedupeKey })) !== null;
  }

  async findById(id: string): Promise<DeliveryRecord | null> {
    return toRecord<DeliveryRecord>(await this.model.findById(id).lean());
  }

  async findByIds(ids: string[]): Promise<DeliveryRecord[]> {
    return (await this.model.find({ _id: { $in: ids } }).lean()).map((d) => toRecord<DeliveryRecord>(d));
  }

  /**
   * Appends an attempt and moves the status, unless the delivery was settled meanwhile
   * (a duplicate job): returns null then, and nothing is recorded twice.
   */
  async recordAttempt(id: string, attempt: DeliveryAttempt, status: DeliveryStatus): Promise<DeliveryRecord | null> {
    const set: Record<string, unknown> = { status, updatedAt: attempt.at };
    if (status === 'delivered' || status === 'logged') set.deliveredAt = attempt.at;
    if (attempt.error) set.lastError = attempt.error;
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: { $nin: SETTLED }, attemptCount: attempt.n - 1 },
        { $push: { attempts: attempt }, $inc: { attemptCount: 1 }, $set: set },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<DeliveryRecord>(doc);
  }

  /** Parks a queued delivery while its subscription is paused. */
  async hold(id: string, at: Date): Promise<boolean> {
    const res = await this.model.updateOne({ _id: id, status: 'queued' }, { $set: { status: 'held', updatedAt: at } });
    return res.modifiedCount === 1;
  }

  /** The subscriptions that have deliveries held (for the reconciler: held under an active one is a missed release). */
  async subscriptionsWithHeld(): Promise<string[]> {
    return (await this.model.distinct('subscriptionId', { status: 'held' })).filter((v): v is string => typeof v === 'string');
  }

  /** Makes held (or failed, for a manual retry) deliveries queued again; returns their ids. */
  async requeue(filter: { subscriptionId?: string; id?: string; from: DeliveryStatus[] }, at: Date): Promise<QueuedDelivery[]> {
    // A personal message (a sign-in link) is stored without its secret: it can never be sent again.
    const q: Record<string, unknown> = { status: { $in: filter.from }, kind: { $nin: [...PERSONAL_MESSAGE_KINDS] } };
    if (filter.subscriptionId) q.subscriptionId = filter.subscriptionId;
    if (filter.id) q._id = filter.id;
    const ids = (await this.model.find(q, { _id: 1 }).lean()).map((d) => String(d._id));
    if (!ids.length) return [];
    // A retried delivery starts a new round of attempts; the earlier attempts stay in the log.
    await this.model.updateMany({ _id: { $in: ids }, status: { $in: filter.from } }, { $set: { status: 'queued', updatedAt: at }, $inc: { round: 1 } });
    return this.queued({ ids });
  }

  /** Queued deliveries with their round (the reconciler re-adds their jobs: Redis may have lost them). */
  async queued(filter: { ids?: string[]; limit?: number }): Promise<QueuedDelivery[]> {
    const q: Record<string, unknown> = { status: 'queued' };
    if (filter.ids) q._id = { $in: filter.ids };
    const docs = await this.model
      .find(q, { _id: 1, round: 1 })
      .sort({ createdAt: 1 })
      .limit(filter.limit ?? 0)
      .lean();
    return docs.map((d) => ({ id: String(d._id), round: d.round ?? 0 }));
  }

  private query(f: DeliveryFilter): Record<string, unknown> {
    const q: Record<string, unknown> = {};
    if (f.status?.length) q.status = { $in: f.status };
    for (const key of ['channel', 'kind', 'cycleId', 'taskId', 'groupKey', 'subscriptionId', 'recipient'] as const) {
      if (f[key]) q[key] = f[key];
    }
    return q;
  }

  async list(f: DeliveryFilter, limit: number, skip: number): Promise<DeliveryRecord[]> {
    return (await this.model.find(this.query(f)).sort({ createdAt: -1, _id: 1 }).skip(skip).limit(limit).lean()).map((d) => toRecord<DeliveryRecord>(d));
  }

  /**
   * One page of the log in the operators' order: by state in `states` order, newest first within
   * a state (ties by id), starting after `after`. Keyset pagination over the (status, createdAt)
   * index: each state is one bounded query, so a page costs the same on the first page as on the
   * thousandth, and nothing is loaded beyond the page (plus one row, to know whether more follow).
   */
  async logPage(
    f: Omit<DeliveryFilter, 'status'>,
    states: DeliveryStatus[],
    after: { status: DeliveryStatus; createdAt: Date; id: string } | null,
    limit: number,
  ): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    const from = after ? states.indexOf(after.status) : 0;
    if (from < 0) return out;
    for (let i = from; i < states.length && out.length <= limit; i++) {
      const q: Record<string, unknown> = { ...this.query(f), status: states[i] };
      if (after && i === from) q.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }];
      const docs = await this.model
        .find(q)
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit + 1 - out.length)
        .lean();
      out.push(...docs.map((d) => toRecord<DeliveryRecord>(d)));
    }
    return out;
  }

  async count(f: DeliveryFilter): Promise<number> {
    return this.model.countDocuments(this.query(f));
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.model.aggregate<{ _id: string; count: number }>([{ $group: { _id: '$status', count: { $sum: 1 } } }]);
    return Object.fromEntries(rows.map((r) => [r._id, r.count]));
  }
}
