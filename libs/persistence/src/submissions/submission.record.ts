import type { SubmissionContent } from '@pact/domain';

/** One revision of a chair's report on a task: inserted once, never updated. */
export interface SubmissionRecord {
  id: string;
  taskId: string;
  cycleId: string;
  milestoneKey: string;
  groupKey: string;
  revision: number;
  content: SubmissionContent;
  submittedAt: Date;
  late: boolean;
  afterCompilation: boolean;
  submittedBy: string;
}
