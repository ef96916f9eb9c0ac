import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey, SubmissionRecord, toRecord } from '../records';
import { MODEL } from '../schemas/schemas';

@Injectable()
export class SubmissionRepository {
  constructor(@InjectModel(MODEL.Submission) private readonly model: Model<any>) {}

  /**
   * Stores a new revision, numbered after the latest one. The unique (taskId, revision)
   * index settles races between two concurrent submissions: the loser takes the next number.
   */
  async insertRevision(data: Omit<SubmissionRecord, 'id' | 'revision'>): Promise<SubmissionRecord> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const latest: any = await this.model.findOne({ taskId: data.taskId }, { revision: 1 }).sort({ revision: -1 }).lean();
      const revision = (latest?.revision ?? 0) + 1;
      try {
        const doc = await this.model.create({ ...data, revision });
        return toRecord<SubmissionRecord>(doc.toObject());
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new Error(`could not number a new revision of task ${data.taskId}`);
  }

  async listByTask(taskId: string): Promise<SubmissionRecord[]> {
    return (await this.model.find({ taskId }).sort({ revision: 1 }).lean()).map((d) => toRecord<SubmissionRecord>(d));
  }

  async latest(taskId: string): Promise<SubmissionRecord | null> {
    return toRecord<SubmissionRecord>(await this.model.findOne({ taskId }).sort({ revision: -1 }).lean());
  }

  async countByTask(taskId: string): Promise<number> {
    return this.model.countDocuments({ taskId });
  }
}
