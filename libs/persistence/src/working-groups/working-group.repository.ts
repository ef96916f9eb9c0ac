import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Chair, WorkingGroup } from '@pact/domain';
import { Model } from 'mongoose';
import { isDuplicateKey } from '../records';
import { WorkingGroupRecord } from './working-group.record';
import { WORKING_GROUP_MODEL } from './working-group.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

const SEED_BATCH = 50;

const strip = ({ _id, ...rest }: WorkingGroupRecord & { _id: unknown }): WorkingGroupRecord => rest;

@Injectable()
@RetriedWhenNotApplied()
export class WorkingGroupRepository {
  constructor(@InjectModel(WORKING_GROUP_MODEL) private readonly model: Model<WorkingGroupRecord>) {}

  /**
   * Seeds groups from config without overwriting what the committee changed through the API:
   * a chair named by the committee outlives a restart with the original config. Returns how
   * many groups were new.
   */
  async seed(all: WorkingGroup[], at: Date): Promise<number> {
    // Only the groups not stored yet are written: a restart (or a second process starting beside
    // the first) then writes nothing at all.
    const stored = new Set((await this.model.find({ key: { $in: all.map((g) => g.key) } }, { key: 1 }).lean<{ key: string }[]>()).map((d) => d.key));
    const groups = all.filter((g) => !stored.has(g.key));
    let added = 0;
    // Batches of SEED_BATCH statements: FerretDB 1.24 (SQLite) holds one storage connection per
    // statement of an update command until the command ends, and deadlocks its pool of 100
    // connections on a larger one whose statements match existing documents (a second process
    // seeding the same groups): every process on that database then stalls.
    for (let i = 0; i < groups.length; i += SEED_BATCH) {
      const batch = groups.slice(i, i + SEED_BATCH).map((g) => ({
        updateOne: {
          filter: { key: g.key },
          update: { $setOnInsert: { key: g.key, fieldOfAction: g.fieldOfAction, goal: g.goal, chair: g.chair, updatedAt: at } },
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

  async list(): Promise<WorkingGroupRecord[]> {
    return (await this.model.find({}).sort({ key: 1 }).lean()).map(strip);
  }

  async findByKey(key: string): Promise<WorkingGroupRecord | null> {
    const doc = await this.model.findOne({ key }).lean();
    return doc ? strip(doc) : null;
  }

  async findByKeys(keys: string[]): Promise<WorkingGroupRecord[]> {
    return (await this.model.find({ key: { $in: keys } }).lean()).map(strip);
  }

  async update(key: string, change: { chair?: Chair; goal?: string }, at: Date): Promise<WorkingGroupRecord | null> {
    const $set: Record<string, unknown> = { updatedAt: at };
    if (change.chair) $set.chair = change.chair;
    if (change.goal !== undefined) $set.goal = change.goal;
    const doc = await this.model.findOneAndUpdate({ key }, { $set }, { returnDocument: 'after' }).lean();
    return doc ? strip(doc) : null;
  }
}
