import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Stored, isDuplicateKey, toRecord } from '../records';
import { SubmissionRecord } from './submission.record';
import { SUBMISSION_MODEL } from './submission.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

@Injectable()
@RetriedWhenNotApplied()
export class SubmissionRepository {
  constructor(@InjectModel(SUBMISSION_MODEL) private readonly model: Model<Stored<SubmissionRecord>>) {}

  /**
   * Stores a new revision, numbered after the latest one. The unique (taskId, revision)
   * index settles races between two concurrent submissions: the loser takes the next number.
   */
  async insertRevision(data: Omit<SubmissionRecord, 'id' | 'revision'>): Promise<SubmissionRecord> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const latest = await this.model.findOne({ taskId: data.taskId }, { revision: 1 }).sort({ revision: -1 }).lean();
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

  async findRevision(taskId: string, revision: number): Promise<SubmissionRecord | null> {
    return toRecord<SubmissionRecord>(await this.model.findOne({ taskId, revision }).lean());
  }

  async listByTask(taskId: string): Promise<SubmissionRecord[]> {
    return (await this.model.find({ taskId }).sort({ revision: 1 }).lean()).map((d) => toRecord<SubmissionRecord>(d));
  }

  /**
   * Every revision of a milestone, ordered by task id then revision: the compiler walks it
   * beside the task cursor (a merge join), so two queries serve any number of tasks.
   */
  async *streamByMilestone(cycleId: string, milestoneKey: string): AsyncGenerator<SubmissionRecord> {
    const cursor = this.model.find({ cycleId, milestoneKey }).sort({ taskId: 1, revision: 1 }).lean().cursor({ batchSize: 200 });
    for await (const d of cursor) yield toRecord<SubmissionRecord>(d);
  }
}
