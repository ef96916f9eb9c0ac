import type { Answers, SubmissionContent } from '@pact/domain';

/** One revision of a chair's report on a task: inserted once, never updated. */
export interface SubmissionRecord {
  id: string;
  taskId: string;
  cycleId: string;
  milestoneKey: string;
  groupKey: string;
  revision: number;
  /** A report round's revision: the chair's report. */
  content?: SubmissionContent;
  /** A questionnaire round's revision: the answers kept (`keptAnswers`), by question key. Exactly one of the two is set. */
  answers?: Answers;
  submittedAt: Date;
  late: boolean;
  afterCompilation: boolean;
  submittedBy: string;
}
