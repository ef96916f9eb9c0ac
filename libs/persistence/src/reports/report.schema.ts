import { Schema } from 'mongoose';
import { Stored } from '../records';
import { ReportRecord } from './report.record';

export const REPORT_MODEL = 'Report';

/** A report as stored: the record and the follow-up keys of the late revisions it has counted (never handed out). */
export type StoredReport = Stored<ReportRecord> & { notedRevisions?: string[] };

/** Compiled reports (collection `reports`): one per cycle and milestone, rewritten by recompilation. */
export const ReportSchema = new Schema<StoredReport>(
  {
    cycleId: { type: String, required: true },
    milestoneKey: { type: String, required: true },
    milestoneKind: String,
    compiledAt: Date,
    report: Schema.Types.Mixed,
    network: Schema.Types.Mixed,
    programme: String,
    /** Late revisions noted / included: a recompilation is owed while the first exceeds the second. */
    lateRevisions: { type: Number, default: 0 },
    lateRevisionsCompiled: Number,
    stale: Boolean,
    /** The milestone's revision count read before this report was built (see MilestoneState.revisions). */
    revisionsIncluded: Number,
    /** What each late-revision count was for (a revision's follow-up key), so a redone follow-up counts once. */
    notedRevisions: { type: [String], default: undefined },
  },
  { versionKey: false, minimize: false, collection: 'reports' },
);
// Unique: one report per milestone (save upserts it); serves find, noteLateRevision,
// saveRecompiled and clearStale, and by its prefix listByCycle. streamStale and previousOfKind
// have no index of their own: a few reports per cycle, read by the reconciler and per compilation.
ReportSchema.index({ cycleId: 1, milestoneKey: 1 }, { unique: true });
