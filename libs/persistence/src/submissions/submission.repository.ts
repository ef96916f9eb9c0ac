import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ignoreMissingIndex, isDuplicateKey, toRecord } from '../records';
import { revisionsHandedOut, TaskRecord } from '../tasks/task.record';
import { SubmissionRecord } from './submission.record';
import { revisionKey, StoredSubmission, SUBMISSION_MODEL } from './submission.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

@Injectable()
@RetriedWhenNotApplied()
export class SubmissionRepository {
  constructor(@InjectModel(SUBMISSION_MODEL) private readonly model: Model<StoredSubmission>) {}

  /**
   * Stores revision `revision` (a number the task handed out: TaskRepository.numberRevision).
   * Null when that number is taken: by a revision stored before numbers came from the task, or
   * given up by the sweep (`abandonNumber`); the caller numbers again. The unique (taskId,
   * revision) key, the document's `_id`, decides, on MongoDB and FerretDB alike.
   */
  async insertRevision(data: Omit<SubmissionRecord, 'id' | 'revision'>, revision: number): Promise<SubmissionRecord | null> {
    try {
      const doc = await this.model.create({ _id: revisionKey(data.taskId, revision), ...data, revision });
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
      await this.model.create({ _id: revisionKey(taskId, revision), taskId, revision, abandoned: true, submittedAt: at });
      return 'abandoned';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const doc = await this.model.findById(revisionKey(taskId, revision)).lean();
    return !doc || doc.abandoned ? 'abandoned' : toRecord<SubmissionRecord>(doc)!;
  }

  /** The revision, or null when it was not stored (or its number was given up). */
  async findRevision(taskId: string, revision: number): Promise<SubmissionRecord | null> {
    const doc = await this.model.findById(revisionKey(taskId, revision)).lean();
    return doc?.abandoned ? null : toRecord<SubmissionRecord>(doc);
  }

  /**
   * The task's revisions, oldest first: every number the task handed out, read by key (a number
   * still being stored, or given up, has no revision).
   */
  async listByTask(task: Pick<TaskRecord, 'id' | 'latestRevision' | 'revisionsNumbered'>): Promise<SubmissionRecord[]> {
    // One read per number rather than `$in`: FerretDB on SQLite finds a document by `{ _id }` alone only.
    const numbers = Array.from({ length: revisionsHandedOut(task) }, (_, i) => i + 1);
    const found = await Promise.all(numbers.map((n) => this.findRevision(task.id, n)));
    return found.filter((r): r is SubmissionRecord => r !== null);
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

  /**
   * Moves revisions stored by the earlier layout (an ObjectId `_id`, unique by task and number)
   * to their key (KeyedLayout, once, at start). Copy first, then delete: a crash in between
   * leaves both, and the next run finds the copy and deletes the original. Yields each revision
   * moved, so its task can note the number. Batch work: it looks through the whole collection.
   */
  async *rekeyEarlierLayout(): AsyncGenerator<{ taskId: string; revision: number }> {
    // The key is unique now; the old index would refuse the copy beside its original.
    await this.model.collection.dropIndex('taskId_1_revision_1').catch(ignoreMissingIndex);
    for (;;) {
      const batch = await this.model.collection
        .find({ _id: { $type: 'objectId' } })
        .limit(200)
        .toArray();
      if (!batch.length) return;
      for (const { _id, ...doc } of batch) {
        await this.model.collection.insertOne({ ...doc, _id: revisionKey(doc.taskId, doc.revision) } as never).catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err;
        });
        await this.model.collection.deleteOne({ _id });
        yield { taskId: String(doc.taskId), revision: Number(doc.revision) };
      }
    }
  }
}
