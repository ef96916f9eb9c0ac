import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Chair, WorkingGroup } from '@pact/domain';
import { Model } from 'mongoose';
import { WorkingGroupRecord } from '../records';
import { MODEL } from '../schemas/schemas';

const strip = ({ _id, ...rest }: any): WorkingGroupRecord => rest;

@Injectable()
export class WorkingGroupRepository {
  constructor(@InjectModel(MODEL.WorkingGroup) private readonly model: Model<any>) {}

  /**
   * Seeds groups from config without overwriting what the committee changed through the API:
   * a chair named by the committee outlives a restart with the original config.
   */
  async seed(groups: WorkingGroup[], at: Date): Promise<number> {
    if (!groups.length) return 0;
    const res = await this.model.bulkWrite(
      groups.map((g) => ({
        updateOne: {
          filter: { key: g.key },
          update: { $setOnInsert: { key: g.key, fieldOfAction: g.fieldOfAction, goal: g.goal, chair: g.chair, updatedAt: at } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return res.upsertedCount;
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
