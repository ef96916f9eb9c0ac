import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Chair, type LocalizedText, type WorkingGroup, wordingsOf } from '@pact/domain';
import { Model } from 'mongoose';
import { isDuplicateKey, moveToKeys } from '../records';
import { WorkingGroupRecord } from './working-group.record';
import { StoredWorkingGroup, WORKING_GROUP_MODEL } from './working-group.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/** Above this many keys, one read of the collection costs less than a read per key. */
const KEY_READS_AT_MOST = 20;

const SEED_BATCH = 50;

const strip = ({ _id, ...rest }: StoredWorkingGroup): WorkingGroupRecord => rest;

/** The follow-up of a chair change: give the chair access, take it from the former chairs. */
export const CHAIR_ACCESS_FOLLOW_UP = 'chair-access';

/**
 * Working groups, keyed by their key: a task's page, my tasks and every notification read their
 * groups by `_id`, the one filter FerretDB on SQLite answers without reading the whole collection.
 * Keyed rather than cached in each process: a committee's change (a new chair) is then seen by
 * every API and worker process at its next read, with no invalidation to get wrong.
 */
@Injectable()
@RetriedWhenNotApplied()
export class WorkingGroupRepository {
  constructor(@InjectModel(WORKING_GROUP_MODEL) private readonly model: Model<StoredWorkingGroup>) {}

  /**
   * Seeds groups from config without overwriting what the committee changed through the API:
   * a chair named by the committee outlives a restart with the original config. A group's name
   * follows the configuration (its translations included); its goal too, unless the committee
   * wrote another. Returns how many groups were new.
   */
  async seed(all: WorkingGroup[], at: Date): Promise<number> {
    // Only what differs is written: a restart (or a second process starting beside the first)
    // with an unchanged configuration writes nothing at all.
    const stored = new Map(
      (
        await this.model
          .find({ _id: { $in: all.map((g) => g.key) } }, { key: 1, fieldOfAction: 1, goal: 1 })
          .lean<{ key: string; fieldOfAction: LocalizedText; goal?: LocalizedText }[]>()
      ).map((d) => [d.key, d]),
    );
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const retexted = all.flatMap((g) => {
      const s = stored.get(g.key);
      if (!s) return [];
      const $set: Record<string, unknown> = {};
      if (!same(s.fieldOfAction, g.fieldOfAction)) $set.fieldOfAction = g.fieldOfAction;
      // A goal still as configured (in any of its wordings, e.g. the English one stored before
      // goals had translations) follows the configuration; one the committee rewrote stays.
      if (!same(s.goal ?? '', g.goal) && (s.goal === undefined || s.goal === '' || wordingsOf(s.goal).some((w) => wordingsOf(g.goal).includes(w))))
        $set.goal = g.goal;
      return Object.keys($set).length ? [{ updateOne: { filter: { _id: g.key }, update: { $set } } }] : [];
    });
    for (let i = 0; i < retexted.length; i += SEED_BATCH) await this.model.bulkWrite(retexted.slice(i, i + SEED_BATCH), { ordered: false });
    const groups = all.filter((g) => !stored.has(g.key));
    let added = 0;
    // Batches of SEED_BATCH statements: FerretDB 1.24 (SQLite) holds one storage connection per
    // statement of an update command until the command ends, and deadlocks its pool of 100
    // connections on a larger one whose statements match existing documents (a second process
    // seeding the same groups): every process on that database then stalls.
    for (let i = 0; i < groups.length; i += SEED_BATCH) {
      const batch = groups.slice(i, i + SEED_BATCH).map((g) => ({
        updateOne: {
          filter: { _id: g.key },
          update: { $setOnInsert: { ...g, updatedAt: at } },
          upsert: true,
        },
      }));
      try {
        added += (await this.model.bulkWrite(batch, { ordered: false })).upsertedCount;
      } catch (err) {
        // Another process seeding at the same moment inserted some first: they are there now,
        // which is all seeding wants. Once more, so the rest of the batch is certainly in.
        if (!isDuplicateKey(err)) throw err;
        added += (await this.model.bulkWrite(batch, { ordered: false })).upsertedCount;
      }
    }
    return added;
  }

  /** Every group, or a programme's (a scan either way: a deployment's groups number in the hundreds at most, read whole). */
  async list(programme?: string): Promise<WorkingGroupRecord[]> {
    return (
      await this.model
        .find(programme ? { programme } : {})
        .sort({ key: 1 })
        .lean()
    ).map(strip);
  }

  /** Adds a participant the committee names (a city signs the Charter); false when the key is taken, in any programme. */
  async add(group: WorkingGroup, at: Date): Promise<boolean> {
    try {
      await this.model.create({ _id: group.key, ...group, updatedAt: at, chairNamedAt: at, outbox: [CHAIR_ACCESS_FOLLOW_UP] });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Retires a group (once: null when it is unknown or already retired). */
  async retire(key: string, at: Date): Promise<WorkingGroupRecord | null> {
    const doc = await this.model
      .findOneAndUpdate({ _id: key, retiredAt: { $exists: false } }, { $set: { retiredAt: at, updatedAt: at } }, { returnDocument: 'after' })
      .lean();
    return doc ? strip(doc) : null;
  }

  /** Stores the programme of groups from the single-network layout (the `programmes` migration). */
  async setProgrammeWhereMissing(programme: string): Promise<number> {
    return (await this.model.updateMany({ programme: { $exists: false } }, { $set: { programme } })).modifiedCount;
  }

  async findByKey(key: string): Promise<WorkingGroupRecord | null> {
    const doc = await this.model.findById(key).lean();
    return doc ? strip(doc) : null;
  }

  /**
   * Unknown keys are left out. A person's few groups: one read by key each, in parallel (`$in`
   * would read the whole collection on FerretDB). Many at once (a fan-out telling every chair):
   * one `$in` read, as batch work may: the collection is read once instead of hundreds of times.
   */
  async findByKeys(keys: string[]): Promise<WorkingGroupRecord[]> {
    const unique = [...new Set(keys)];
    if (unique.length > KEY_READS_AT_MOST) return (await this.model.find({ _id: { $in: unique } }).lean()).map(strip);
    const found = await Promise.all(unique.map((key) => this.findByKey(key)));
    return found.filter((g): g is WorkingGroupRecord => g !== null);
  }

  /**
   * Changes the goal and/or the chair, guarded by the version the caller read (`expected`: its
   * chair and updatedAt), so two changes cannot cross: null when someone changed it meanwhile.
   * A chair change records its follow-up in the same update: the access to move (outbox) and
   * the list of former chairs, who keep no access to the group (the new chair leaves that list).
   */
  async update(key: string, change: { chair?: Chair; goal?: LocalizedText }, at: Date, expected?: WorkingGroupRecord): Promise<WorkingGroupRecord | null> {
    const $set: Record<string, unknown> = { updatedAt: at };
    // Guarded beside `_id` (a scan on FerretDB): committee changes are rare.
    const filter: Record<string, unknown> = { _id: key };
    const $addToSet: Record<string, unknown> = {};
    if (change.chair) {
      $set.chair = change.chair;
      if (expected) {
        filter['chair.email'] = expected.chair.email;
        filter.updatedAt = expected.updatedAt ?? { $exists: false };
        $addToSet.outbox = CHAIR_ACCESS_FOLLOW_UP;
        const named = change.chair.email.toLowerCase();
        $set.chairNamedAt = at;
        $set.formerChairs = [...new Set([...(expected.formerChairs ?? []), expected.chair.email.toLowerCase()])].filter((e) => e !== named);
      }
    }
    if (change.goal !== undefined) $set.goal = change.goal;
    const doc = await this.model
      .findOneAndUpdate(filter, { $set, ...(Object.keys($addToSet).length ? { $addToSet } : {}) }, { returnDocument: 'after' })
      .lean();
    return doc ? strip(doc) : null;
  }

  /** The chair-access follow-up is done for `chairEmail`: guarded by it, so a change made meanwhile keeps its own follow-up owed. */
  async completeChairAccess(key: string, chairEmail: string): Promise<boolean> {
    const res = await this.model.updateOne({ _id: key, 'chair.email': chairEmail }, { $pull: { outbox: CHAIR_ACCESS_FOLLOW_UP } });
    return res.matchedCount === 1;
  }

  /** Groups with follow-ups owed (for the sweep). */
  async withFollowUpsOwed(): Promise<WorkingGroupRecord[]> {
    return (await this.model.find({ outbox: CHAIR_ACCESS_FOLLOW_UP }).lean()).map(strip);
  }

  /** Moves groups stored by the earlier layout (an ObjectId `_id`, unique `key`) to their key as `_id` (KeyedLayout, once, at start). */
  async rekeyEarlierLayout(): Promise<number> {
    return moveToKeys(this.model, ['key_1'], (doc) => String(doc.key));
  }
}
