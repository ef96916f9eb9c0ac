import { Schema } from 'mongoose';
import { Stored } from '../records';
import { ReportVersionRecord } from './report-version.record';

export const REPORT_VERSION_MODEL = 'ReportVersion';

/**
 * Published versions of a report (collection `report_versions`), one document each, inserted once
 * and never updated: the report is kept as the exact JSON text published, so a version reads back
 * byte for byte.
 */
export const ReportVersionSchema = new Schema<Stored<ReportVersionRecord>>(
  {
    cycleId: { type: String, required: true },
    milestoneKey: { type: String, required: true },
    milestoneTitle: Schema.Types.Mixed,
    version: { type: Number, required: true },
    compiledAt: Date,
    publishedAt: { type: Date, required: true },
    publishedBy: String,
    sha256: { type: String, required: true },
    kind: String,
    json: { type: String, required: true },
  },
  { versionKey: false, minimize: false, collection: 'report_versions' },
);
// Unique: one number per version of a cycle's reports (insert); serves highestNumber, list and find.
ReportVersionSchema.index({ cycleId: 1, version: 1 }, { unique: true });
// Unique: publishing the same content twice finds the first (insert, findByContent); its prefix serves latestOf.
ReportVersionSchema.index({ cycleId: 1, milestoneKey: 1, sha256: 1 }, { unique: true });
