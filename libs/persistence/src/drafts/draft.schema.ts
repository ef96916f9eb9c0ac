import { Schema } from 'mongoose';
import { Stored } from '../records';
import { DraftRecord } from './draft.record';

export const DRAFT_MODEL = 'Draft';

/** Drafts of reports (collection `drafts`): one per task. */
export const DraftSchema = new Schema<Stored<DraftRecord>>(
  {
    taskId: { type: String, required: true },
    cycleId: String,
    groupKey: String,
    /** The answers as typed (ReportDraft), or null once the report was submitted. */
    content: Schema.Types.Mixed,
    /** Every write adds one; each write is guarded by the version it read. */
    version: { type: Number, required: true },
    savedAt: Date,
    savedBy: String,
    startedFrom: Schema.Types.Mixed,
  },
  { versionKey: false, minimize: false, collection: 'drafts' },
);
// One draft per task, and the lookup of a task's draft (every read and guarded write).
DraftSchema.index({ taskId: 1 }, { unique: true });
