import type { CycleStatus } from '../cycles/cycle-state';
import { canSubmit, TaskStatus } from './task-state';

/**
 * Whether a task's report can still be written — submitted, revised or drafted: the one rule the
 * submission, the draft and the pages share. The task must not be cancelled (open, overdue, or
 * submitted: a submitted report can be revised), nor its cycle. Null while it can; otherwise
 * why not, in English for the engine's conflict (the pages say it in their own words).
 */
export function reportClosedBecause(taskStatus: TaskStatus, cycleStatus: CycleStatus): string | null {
  if (cycleStatus === 'cancelled') return 'the cycle was cancelled; submissions are closed';
  if (!canSubmit(taskStatus)) return `the task is ${taskStatus}; submissions are closed`;
  return null;
}

export function canWriteReport(taskStatus: TaskStatus, cycleStatus: CycleStatus): boolean {
  return reportClosedBecause(taskStatus, cycleStatus) === null;
}
