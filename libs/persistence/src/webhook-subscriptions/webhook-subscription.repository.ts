import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, Model } from 'mongoose';
import { Stored, toRecord } from '../records';
import { WebhookSubscriptionRecord } from './webhook-subscription.record';
import { WEBHOOK_SUBSCRIPTION_MODEL } from './webhook-subscription.schema';
import { RetriedWhenNotApplied } from '../transient-errors';
import type { WebhookStatus } from '@pact/domain';

export type NewWebhookSubscription = Omit<WebhookSubscriptionRecord, 'id' | 'status' | 'consecutiveFailures'>;

@Injectable()
@RetriedWhenNotApplied()
export class WebhookSubscriptionRepository {
  constructor(@InjectModel(WEBHOOK_SUBSCRIPTION_MODEL) private readonly model: Model<Stored<WebhookSubscriptionRecord>>) {}

  async create(s: NewWebhookSubscription): Promise<WebhookSubscriptionRecord> {
    return toRecord<WebhookSubscriptionRecord>((await this.model.create({ ...s, status: 'active', consecutiveFailures: 0 })).toObject());
  }

  async findById(id: string): Promise<WebhookSubscriptionRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<WebhookSubscriptionRecord>(await this.model.findById(id).lean());
  }

  async list(filter: { status?: WebhookStatus[]; ownerOrGroups?: { userId: string; groupKeys: string[] } }): Promise<WebhookSubscriptionRecord[]> {
    const q: Record<string, unknown> = {};
    if (filter.status?.length) q.status = { $in: filter.status };
    if (filter.ownerOrGroups) {
      q.$or = [{ ownerUserId: filter.ownerOrGroups.userId }, { userId: filter.ownerOrGroups.userId }, { groupKey: { $in: filter.ownerOrGroups.groupKeys } }];
    }
    return (await this.model.find(q).sort({ createdAt: 1 }).lean()).map((d) => toRecord<WebhookSubscriptionRecord>(d));
  }

  /** Subscriptions that take new deliveries: active ones, and paused ones (whose deliveries are held). */
  async listReceiving(): Promise<WebhookSubscriptionRecord[]> {
    return this.list({ status: ['active', 'paused'] });
  }

  async recordSuccess(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { consecutiveFailures: 0, lastAttemptAt: at, lastSuccessAt: at } });
  }

  /**
   * Counts a delivery that failed for good; the subscription is paused when the count reaches
   * `pauseAfter`. Returns true only to the caller whose update paused it (one event, not many).
   */
  async recordFailure(id: string, error: string, at: Date, pauseAfter: number): Promise<boolean> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: 'active' },
        { $inc: { consecutiveFailures: 1 }, $set: { lastError: error, lastAttemptAt: at } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!doc || doc.consecutiveFailures < pauseAfter) return false;
    const reason = `${doc.consecutiveFailures} deliveries in a row failed; last error: ${error}`;
    const res = await this.model.updateOne({ _id: id, status: 'active' }, { $set: { status: 'paused', pausedAt: at, pausedReason: reason } });
    return res.modifiedCount === 1;
  }

  /**
   * A person pauses an active subscription (a receiver under maintenance): one guarded update,
   * so it pauses once; null when it was not active (paused already, or deleted).
   */
  async pause(id: string, at: Date, reason: string): Promise<WebhookSubscriptionRecord | null> {
    const doc = await this.model
      .findOneAndUpdate({ _id: id, status: 'active' }, { $set: { status: 'paused', pausedAt: at, pausedReason: reason } }, { returnDocument: 'after' })
      .lean();
    return toRecord<WebhookSubscriptionRecord>(doc);
  }

  async resume(id: string): Promise<WebhookSubscriptionRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: { $in: ['active', 'paused'] } },
        { $set: { status: 'active', consecutiveFailures: 0 }, $unset: { pausedAt: '', pausedReason: '' } },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<WebhookSubscriptionRecord>(doc);
  }

  async setSecret(id: string, secret: string): Promise<WebhookSubscriptionRecord | null> {
    const doc = await this.model.findOneAndUpdate({ _id: id, status: { $ne: 'disabled' } }, { $set: { secret } }, { returnDocument: 'after' }).lean();
    return toRecord<WebhookSubscriptionRecord>(doc);
  }

  async disable(id: string, at: Date): Promise<WebhookSubscriptionRecord | null> {
    const doc = await this.model
      .findOneAndUpdate({ _id: id, status: { $ne: 'disabled' } }, { $set: { status: 'disabled', disabledAt: at } }, { returnDocument: 'after' })
      .lean();
    return toRecord<WebhookSubscriptionRecord>(doc);
  }
}
