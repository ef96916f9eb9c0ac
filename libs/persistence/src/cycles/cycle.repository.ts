import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ACTIVE_CYCLE_STATUSES, CycleStatus, MilestoneStatus } from '@pact/domain';
import { isValidObjectId, Model } from 'mongoose';
import { Stored, toRecord } from '../records';
import { CycleRecord } from './cycle.record';
import { CYCLE_MODEL } from './cycle.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

@Injectable()
@RetriedWhenNotApplied()
export class CycleRepository {
  constructor(@InjectModel(CYCLE_MODEL) private readonly model: Model<Stored<CycleRecord>>) {}

  /** `id`: chosen by the caller (an idempotent start); the _id's uniqueness settles a second insert. */
  async create(cycle: Omit<CycleRecord, 'id'>, id?: string): Promise<CycleRecord> {
    const doc = await this.model.create(id ? { _id: id, ...cycle } : cycle);
    return toRecord<CycleRecord>(doc.toObject());
  }

  async findById(id: string): Promise<CycleRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<CycleRecord>(await this.model.findById(id).lean());
  }

  /** Several cycles in one query (ids that are not ObjectIds are skipped). */
  async findByIds(ids: string[]): Promise<CycleRecord[]> {
    // One read per id rather than `$in`: FerretDB on SQLite finds a document by `{ _id }` alone only (a page of cycles at most).
    const found = await Promise.all([...new Set(ids)].map((id) => this.findById(id)));
    return found.filter((c): c is CycleRecord => c !== null);
  }

  /** A page of cycles, newest first: of the programmes listed (all when absent). */
  async list(filter: { status?: CycleStatus; programmes?: string[] }, limit: number, skip: number): Promise<CycleRecord[]> {
    const q: Record<string, unknown> = filter.status ? { status: filter.status } : {};
    if (filter.programmes) q.programme = { $in: filter.programmes };
    return (await this.model.find(q).sort({ createdAt: -1 }).skip(skip).limit(limit).lean()).map((d) => toRecord<CycleRecord>(d));
  }

  /** Stores the programme of cycles from the single-network layout (the `programmes` migration). */
  async setProgrammeWhereMissing(programme: string): Promise<number> {
    return (await this.model.updateMany({ programme: { $exists: false } }, { $set: { programme } })).modifiedCount;
  }

  /** The cycles that started before `before`, latest first (the previous cycles of a cycle), at most `limit`. */
  async listStartedBefore(before: Date, limit: number): Promise<CycleRecord[]> {
    return (
      await this.model
        .find({ start: { $lt: before } })
        .sort({ start: -1 })
        .limit(limit)
        .lean()
    ).map((d) => toRecord<CycleRecord>(d));
  }

  async *active(): AsyncGenerator<CycleRecord> {
    for await (const d of this.model
      .find({ status: { $in: ACTIVE_CYCLE_STATUSES } })
      .lean()
      .cursor()) {
      yield toRecord<CycleRecord>(d);
    }
  }

  /**
   * Moves one milestone from one of `from` to `to`, only while the cycle is active.
   * Returns null when another delivery of the same job got there first.
   */
  async transitionMilestone(id: string, key: string, from: MilestoneStatus[], to: MilestoneStatus, at: Date, followUp?: string): Promise<CycleRecord | null> {
    const path = `milestoneState.${key}`;
    const $set: Record<string, unknown> = { [`${path}.status`]: to };
    if (to === 'requested') Object.assign($set, { [`${path}.requestedAt`]: at, [`${path}.keepsSubmittedGroups`]: true });
    if (to === 'compiled') $set[`${path}.compiledAt`] = at;
    const update: Record<string, unknown> = { $set, ...(followUp ? { $addToSet: { outbox: followUp } } : {}) };
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: { $in: ACTIVE_CYCLE_STATUSES }, [`${path}.status`]: { $in: from } },
        to === 'requested' ? { $set: { ...$set, status: 'running' } } : update,
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<CycleRecord>(doc);
  }

  /**
   * Counts a revision of the milestone, after its task was updated. Returns the cycle as it is
   * after the count, in one atomic step, so the caller sees whether compilation had marked the
   * milestone compiled before this count (then the revision is in no report yet) or not (then
   * that compilation sees the count and owes the recompilation itself). The same update adds the
   * group to the milestone's `submittedGroups`, so the caller knows by key whether all are in.
   */
  async countRevision(id: string, key: string, groupKey: string): Promise<CycleRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id },
        { $inc: { [`milestoneState.${key}.revisions`]: 1 }, $addToSet: { [`milestoneState.${key}.submittedGroups`]: groupKey } },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<CycleRecord>(doc);
  }

  /** The follow-ups of `key` are done: it leaves the outbox. */
  async completeFollowUp(id: string, key: string): Promise<void> {
    // By _id alone (pulling a key already gone changes nothing): FerretDB finds nothing else without a scan.
    await this.model.updateOne({ _id: id }, { $pull: { outbox: key } });
  }

  /** Cycles with follow-ups still owed, for the sweep. */
  async *streamWithFollowUpsOwed(): AsyncGenerator<CycleRecord> {
    for await (const d of this.model
      .find({ outbox: { $gt: '' } })
      .lean()
      .cursor())
      yield toRecord<CycleRecord>(d);
  }

  /** `cancel` records who cancelled and why, and the key of the follow-ups owed, in the same update. */
  async transition(
    id: string,
    from: CycleStatus[],
    to: CycleStatus,
    at: Date,
    cancel?: { by: string; reason: string; followUp: string },
  ): Promise<CycleRecord | null> {
    if (!isValidObjectId(id)) return null;
    const $set: Record<string, unknown> = { status: to };
    if (to === 'cancelled') $set.cancelledAt = at;
    if (to === 'completed') $set.completedAt = at;
    if (cancel) Object.assign($set, { cancelledBy: cancel.by, cancelReason: cancel.reason });
    const update = cancel ? { $set, $addToSet: { outbox: cancel.followUp } } : { $set };
    const doc = await this.model.findOneAndUpdate({ _id: id, status: { $in: from } }, update, { returnDocument: 'after' }).lean();
    return toRecord<CycleRecord>(doc);
  }
}
