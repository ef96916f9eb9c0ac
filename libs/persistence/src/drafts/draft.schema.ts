import { Schema } from 'mongoose';
import { Stored } from '../records';
import { DraftRecord } from './draft.record';

export const DRAFT_MODEL = 'Draft';

/** A draft as stored: one per task, its `_id` the task's id (every read and guarded write is by key). */
export type StoredDraft = Stored<DraftRecord> & { _id: string };

/** Drafts of reports (collection `drafts`): one per task. */
export const DraftSchema = new Schema<StoredDraft>(
  {
    // The task's id: findByTask, save (version 0 inserts it; a second first save meets the key).
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    cycleId: String,
    groupKey: String,
    /** The answers as typed (ReportDraft), or null once the report was submitted. */
    content: Schema.Types.Mixed,
    /** A questionnaire round's answers as typed (by question key), or null once submitted. */
    answers: Schema.Types.Mixed,
    /** Every write adds one; each write is guarded by the version it read. */
    version: { type: Number, required: true },
    savedAt: Date,
    savedBy: String,
    startedFrom: Schema.Types.Mixed,
  },
  { versionKey: false, minimize: false, collection: 'drafts', _id: false },
);
