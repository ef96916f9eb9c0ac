import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey, toRecord } from '../records';
import { SubmissionRecord } from './submission.record';
import { StoredSubmission, SUBMISSION_MODEL } from './submission.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

@Injectable()
@RetriedWhenNotApplied()
export class SubmissionRepository {
  constructor(@InjectModel(SUBMISSION_MODEL) private readonly model: Model<StoredSubmission>) {}

  /**
   * Stores revision `revision` (a number the task handed out: TaskRepository.numberRevision).
   * Null when that number is taken: by a revision stored before numbers came from the task, or
   * given up by the sweep (`abandonNumber`); the caller numbers again. The unique (taskId,
   * revision) index decides, on MongoDB and FerretDB alike.
   */
  async insertRevision(data: Omit<SubmissionRecord, 'id' | 'revision'>, revision: number): Promise<SubmissionRecord | null> {
    try {
      const doc = await this.model.create({ ...data, revision });
      return toRecord<SubmissionRecord>(doc.toObject());
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /**
   * Gives up a number whose revision never came (the request that took it died first): a
   * placeholder takes the number, so a request still storing it meets the unique index and
   * numbers again instead of storing a revision nobody follows up. Returns the revision when it
   * was stored after all (then it is the one to follow up), else 'abandoned' (now or before).
   */
  async abandonNumber(taskId: string, revision: number, at: Date): Promise<SubmissionRecord | 'abandoned'> {
    try {
      await this.model.create({ taskId, revision, abandoned: true, submittedAt: at });
      return 'abandoned';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const doc = await this.model.findOne({ taskId, revision }).lean();
    return !doc || doc.abandoned ? 'abandoned' : toRecord<SubmissionRecord>(doc)!;
  }

  /** The revision, or null when it was not stored (or its number was given up). */
  async findRevision(taskId: string, revision: number): Promise<SubmissionRecord | null> {
    const doc = await this.model.findOne({ taskId, revision }).lean();
    return doc?.abandoned ? null : toRecord<SubmissionRecord>(doc);
  }

  async listByTask(taskId: string): Promise<SubmissionRecord[]> {
    return (
      await this.model
        .find({ taskId, abandoned: { $ne: true } })
        .sort({ revision: 1 })
        .lean()
    ).map((d) => toRecord<SubmissionRecord>(d));
  }

  /**
   * Every revision of a milestone, ordered by task id then revision: the compiler walks it
   * beside the task cursor (a merge join), so two queries serve any number of tasks.
   */
  async *streamByMilestone(cycleId: string, milestoneKey: string): AsyncGenerator<SubmissionRecord> {
    const cursor = this.model
      .find({ cycleId, milestoneKey, abandoned: { $ne: true } })
      .sort({ taskId: 1, revision: 1 })
      .lean()
      .cursor({ batchSize: 200 });
    for await (const d of cursor) yield toRecord<SubmissionRecord>(d);
  }
}
