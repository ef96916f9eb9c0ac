import { AWAITING_STATUSES, canExtend, canSubmit, isLate, TASK_STATUSES, TaskTransitionError } from './task-state';

describe('task statuses', () => {
  it('lists the known and the awaiting statuses', () => {
    expect(TASK_STATUSES).toEqual(['open', 'overdue', 'submitted', 'cancelled']);
    expect(AWAITING_STATUSES).toEqual(['open', 'overdue']);
  });
});

describe('canSubmit', () => {
  it.each([
    ['open', true],
    ['overdue', true],
    // a submitted task accepts further revisions
    ['submitted', true],
    ['cancelled', false],
  ] as const)('%s -> %s', (status, expected) => {
    expect(canSubmit(status)).toBe(expected);
  });
});

describe('canExtend', () => {
  it.each([
    ['open', true],
    ['overdue', true],
    ['submitted', false],
    ['cancelled', false],
  ] as const)('%s -> %s', (status, expected) => {
    expect(canExtend(status)).toBe(expected);
  });
});

describe('isLate', () => {
  const due = new Date('2026-02-12T00:00:00.000Z');

  it('is not late before or exactly at the due date', () => {
    expect(isLate(new Date('2026-02-11T23:59:59.999Z'), due)).toBe(false);
    expect(isLate(new Date('2026-02-12T00:00:00.000Z'), due)).toBe(false);
  });

  it('is late one millisecond after the due date', () => {
    expect(isLate(new Date('2026-02-12T00:00:00.001Z'), due)).toBe(true);
    expect(isLate(new Date('2026-03-01T00:00:00.000Z'), due)).toBe(true);
  });
});

describe('TaskTransitionError', () => {
  it('names the action and the status', () => {
    const err = new TaskTransitionError('submitted', 'extend');
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe('cannot extend a task that is submitted');
    expect(err.from).toBe('submitted');
    expect(err.action).toBe('extend');
  });
});
