/**
 * A task is one report request to one working group for one milestone.
 *
 *   open ──due date──▶ overdue ──(escalation levels)──▶ …
 *    │                   │
 *    │ submit            │ submit (marked late)        extension: overdue ──▶ open
 *    ▼                   ▼
 *  submitted          submitted
 *
 * Any non-submitted task becomes cancelled when its cycle is cancelled.
 */
export const TASK_STATUSES = ['open', 'overdue', 'submitted', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which the task still waits for the chair, so timers apply. */
export const AWAITING_STATUSES: TaskStatus[] = ['open', 'overdue'];

export function canSubmit(status: TaskStatus): boolean {
  return status === 'open' || status === 'overdue' || status === 'submitted';
}

export function canExtend(status: TaskStatus): boolean {
  return AWAITING_STATUSES.includes(status);
}

/** A submission is late when it arrives after the due date in force at that moment. */
export function isLate(submittedAt: Date, dueAt: Date): boolean {
  return submittedAt.getTime() > dueAt.getTime();
}

export class TaskTransitionError extends Error {
  constructor(
    readonly from: TaskStatus,
    readonly action: string,
  ) {
    super(`cannot ${action} a task that is ${from}`);
  }
}
