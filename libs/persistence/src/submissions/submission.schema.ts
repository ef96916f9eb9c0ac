import { Schema } from 'mongoose';
import { Stored } from '../records';
import { SubmissionRecord } from './submission.record';

export const SUBMISSION_MODEL = 'Submission';

/** A stored revision, or the placeholder of a revision number given up (never a revision). */
export type StoredSubmission = Stored<SubmissionRecord> & { abandoned?: boolean };

/** Revisions of chairs' reports (collection `submissions`): inserted once, never updated. */
export const SubmissionSchema = new Schema<StoredSubmission>(
  {
    taskId: { type: String, required: true },
    cycleId: String,
    milestoneKey: String,
    groupKey: String,
    revision: { type: Number, required: true },
    content: Schema.Types.Mixed,
    submittedAt: Date,
    late: Boolean,
    afterCompilation: Boolean,
    submittedBy: String,
    // A number given up (SubmissionRepository.abandonNumber): holds the number, is no revision.
    abandoned: Boolean,
  },
  { versionKey: false, minimize: false, collection: 'submissions' },
);
// Unique: a number is stored once (a revision, or the placeholder of a number given up); also
// serves findRevision and listByTask.
SubmissionSchema.index({ taskId: 1, revision: 1 }, { unique: true });
// streamByMilestone (compilation): a milestone's revisions ordered by task, then revision.
SubmissionSchema.index({ cycleId: 1, milestoneKey: 1, taskId: 1, revision: 1 });
