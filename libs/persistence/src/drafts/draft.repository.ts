import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Answers, ReportDraft } from '@pact/domain';
import { Model } from 'mongoose';
import { isDuplicateKey, moveToKeys, toRecord } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import { DraftOrigin, DraftRecord } from './draft.record';
import { DRAFT_MODEL, StoredDraft } from './draft.schema';

export interface DraftWrite {
  cycleId: string;
  groupKey: string;
  content: ReportDraft | null;
  /** A questionnaire round's answers as typed (null: cleared); left as stored when undefined. */
  answers?: Answers | null;
  savedAt: Date;
  savedBy: string;
  /** Set it (starting from an earlier report), clear it (null), or keep what the draft had (undefined). */
  startedFrom?: DraftOrigin | null;
}

/**
 * Drafts, one per task, keyed by the task's id. Every write is guarded by the version the writer
 * read: version 0 means "no draft yet" and inserts (the key settles two first saves), any other
 * version updates only if it is still current. A write that matches nothing answers null, and
 * the caller reports that the draft changed elsewhere instead of overwriting it.
 */
@Injectable()
@RetriedWhenNotApplied()
export class DraftRepository {
  constructor(@InjectModel(DRAFT_MODEL) private readonly model: Model<StoredDraft>) {}

  async findByTask(taskId: string): Promise<DraftRecord | null> {
    return toRecord<DraftRecord>(await this.model.findById(taskId).lean());
  }

  /** Writes the draft if `expectedVersion` is current; returns it with its new version, or null. */
  async save(taskId: string, expectedVersion: number, write: DraftWrite): Promise<DraftRecord | null> {
    const { startedFrom, answers, ...rest } = write;
    const fields = { ...rest, ...(startedFrom === undefined ? {} : { startedFrom }), ...(answers === undefined ? {} : { answers }) };
    if (expectedVersion === 0) {
      try {
        const doc = await this.model.create({ _id: taskId, taskId, ...fields, version: 1 });
        return toRecord<DraftRecord>(doc.toObject());
      } catch (err) {
        if (isDuplicateKey(err)) return null;
        throw err;
      }
    }
    const doc = await this.model
      .findOneAndUpdate({ _id: taskId, version: expectedVersion }, { $set: { ...fields, version: expectedVersion + 1 } }, { returnDocument: 'after' })
      .lean();
    return toRecord<DraftRecord>(doc);
  }

  /**
   * Moves drafts stored by the earlier layout (an ObjectId `_id`, unique by task) to the task's
   * id (KeyedLayout, once, at start): copy, then delete the original, so a crash in between
   * leaves work for the next run and loses nothing. Returns how many were moved.
   */
  async rekeyEarlierLayout(): Promise<number> {
    return moveToKeys(this.model, ['taskId_1'], (doc) => String(doc.taskId));
  }
}
