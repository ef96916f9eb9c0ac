import { Schema } from 'mongoose';

/**
 * Published versions of a report, one document each, inserted once and never updated: the
 * report is kept as the exact JSON text published, so a version reads back byte for byte.
 */
export const ReportVersionSchema = new Schema(
  {
    cycleId: { type: String, required: true },
    milestoneKey: { type: String, required: true },
    milestoneTitle: String,
    version: { type: Number, required: true },
    compiledAt: Date,
    publishedAt: { type: Date, required: true },
    publishedBy: String,
    sha256: { type: String, required: true },
    json: { type: String, required: true },
  },
  { versionKey: false, minimize: false, collection: 'report_versions' },
);
// One number per version of a cycle's reports; publishing the same content twice finds the first.
ReportVersionSchema.index({ cycleId: 1, version: 1 }, { unique: true });
ReportVersionSchema.index({ cycleId: 1, milestoneKey: 1, sha256: 1 }, { unique: true });
