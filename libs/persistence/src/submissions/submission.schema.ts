import { Schema } from 'mongoose';
import { Stored } from '../records';
import { SubmissionRecord } from './submission.record';

export const SUBMISSION_MODEL = 'Submission';

/**
 * A stored revision, or the placeholder of a revision number given up (never a revision). Its
 * `_id` is `<taskId>:<revision>` (`revisionKey`): every read of a task's revisions is by key,
 * and the key makes a number stored once.
 */
export type StoredSubmission = Stored<SubmissionRecord> & { _id: string; abandoned?: boolean };

/** The key of revision `revision` of task `taskId`: the document's `_id`. */
export function revisionKey(taskId: string, revision: number): string {
  return `${taskId}:${revision}`;
}

/** Revisions of chairs' reports (collection `submissions`): inserted once, never updated. */
export const SubmissionSchema = new Schema<StoredSubmission>(
  {
    // revisionKey(taskId, revision): findRevision, listByTask, abandonNumber, and one document per number.
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    cycleId: String,
    milestoneKey: String,
    groupKey: String,
    revision: { type: Number, required: true },
    content: Schema.Types.Mixed,
    answers: Schema.Types.Mixed,
    submittedAt: Date,
    late: Boolean,
    afterCompilation: Boolean,
    submittedBy: String,
    // A number given up (SubmissionRepository.abandonNumber): holds the number, is no revision.
    abandoned: Boolean,
  },
  { versionKey: false, minimize: false, collection: 'submissions', _id: false },
);
// streamByMilestone (compilation): a milestone's revisions ordered by task, then revision.
SubmissionSchema.index({ cycleId: 1, milestoneKey: 1, taskId: 1, revision: 1 });
