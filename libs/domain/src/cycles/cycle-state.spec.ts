import { ACTIVE_CYCLE_STATUSES, canCancel, CYCLE_STATUSES, isComplete, MILESTONE_STATUSES, shownCycleStatus, shownMilestoneStatus } from './cycle-state';

describe('cycle statuses', () => {
  it('lists the known statuses', () => {
    expect(CYCLE_STATUSES).toEqual(['scheduled', 'running', 'completed', 'cancelled']);
    expect(MILESTONE_STATUSES).toEqual(['scheduled', 'requested', 'compiled', 'cancelled']);
    expect(ACTIVE_CYCLE_STATUSES).toEqual(['scheduled', 'running']);
  });
});

describe('canCancel', () => {
  it.each([
    ['scheduled', true],
    ['running', true],
    ['completed', false],
    ['cancelled', false],
  ] as const)('%s -> %s', (status, expected) => {
    expect(canCancel(status)).toBe(expected);
  });
});

describe('isComplete', () => {
  it('is true when every milestone is compiled', () => {
    expect(isComplete(['compiled'])).toBe(true);
    expect(isComplete(['compiled', 'compiled'])).toBe(true);
  });

  it('is false while any milestone is not compiled', () => {
    expect(isComplete(['compiled', 'requested'])).toBe(false);
    expect(isComplete(['scheduled', 'compiled'])).toBe(false);
    expect(isComplete(['compiled', 'cancelled'])).toBe(false);
    expect(isComplete(['cancelled'])).toBe(false);
  });

  it('is false without milestones', () => {
    expect(isComplete([])).toBe(false);
  });
});

describe('the states people are shown', () => {
  it('a milestone whose requests exist is requested, though the fan-out has not marked it yet', () => {
    expect(shownMilestoneStatus('scheduled', 0)).toBe('scheduled');
    expect(shownMilestoneStatus('scheduled', 3)).toBe('requested');
    expect(shownMilestoneStatus('compiled', 3)).toBe('compiled');
    expect(shownMilestoneStatus('cancelled', 3)).toBe('cancelled');
  });

  it('a scheduled cycle with a milestone shown requested is running; other states stay', () => {
    expect(shownCycleStatus('scheduled', ['requested', 'scheduled'])).toBe('running');
    expect(shownCycleStatus('scheduled', ['scheduled', 'scheduled'])).toBe('scheduled');
    expect(shownCycleStatus('cancelled', ['requested'])).toBe('cancelled');
    expect(shownCycleStatus('completed', ['compiled'])).toBe('completed');
  });
});
