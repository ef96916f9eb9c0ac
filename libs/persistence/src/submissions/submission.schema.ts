import { Schema } from 'mongoose';
import { Stored } from '../records';
import { SubmissionRecord } from './submission.record';

export const SUBMISSION_MODEL = 'Submission';

/** Revisions of chairs' reports (collection `submissions`): inserted once, never updated. */
export const SubmissionSchema = new Schema<Stored<SubmissionRecord>>(
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
  },
  { versionKey: false, minimize: false, collection: 'submissions' },
);
// Unique: settles two concurrent insertRevision calls (the loser takes the next number); also
// serves insertRevision's read of the latest number, findRevision and listByTask.
SubmissionSchema.index({ taskId: 1, revision: 1 }, { unique: true });
// streamByMilestone (compilation): a milestone's revisions ordered by task, then revision.
SubmissionSchema.index({ cycleId: 1, milestoneKey: 1, taskId: 1, revision: 1 });
