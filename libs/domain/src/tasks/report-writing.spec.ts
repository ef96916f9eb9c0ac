import { CYCLE_STATUSES } from '../cycles/cycle-state';
import { canWriteReport, reportClosedBecause } from './report-writing';
import { TASK_STATUSES } from './task-state';

describe('whether a report can still be written', () => {
  it('can while the task is open, overdue or submitted (a revision) and its cycle is not cancelled', () => {
    for (const cycle of ['scheduled', 'running', 'completed'] as const) {
      for (const task of ['open', 'overdue', 'submitted'] as const) expect(canWriteReport(task, cycle)).toBe(true);
    }
  });

  it('cannot once the task is cancelled, saying so', () => {
    expect(canWriteReport('cancelled', 'running')).toBe(false);
    expect(reportClosedBecause('cancelled', 'running')).toBe('the task is cancelled; submissions are closed');
  });

  it('cannot once the cycle is cancelled, whatever the task, the cycle named first', () => {
    for (const task of TASK_STATUSES) {
      expect(canWriteReport(task, 'cancelled')).toBe(false);
      expect(reportClosedBecause(task, 'cancelled')).toBe('the cycle was cancelled; submissions are closed');
    }
  });

  it('decides every pair of states', () => {
    const open = TASK_STATUSES.flatMap((t) => CYCLE_STATUSES.filter((c) => canWriteReport(t, c)).map((c) => `${t}/${c}`));
    expect(open).toHaveLength(9);
  });
});
