import { aCycle, aTask, DUE, IDS } from '../testing/fixtures';
import { notificationAbout } from './notification';

describe('a notification about a task', () => {
  const chair = { name: 'Chair', email: 'chair@example.org', language: 'en', timeZone: 'Europe/Brussels' };

  it('names the task’s cycle, group and milestone, and the task’s due date', () => {
    expect(notificationAbout(aTask(), aCycle(), { kind: 'reminder', audience: 'chair', recipients: [chair], details: { daysLeft: 3 } })).toEqual({
      kind: 'reminder',
      audience: 'chair',
      recipients: [chair],
      cycleId: IDS.cycle,
      cycleName: 'Cycle',
      taskId: IDS.task,
      groupKey: 'education',
      milestoneTitle: 'Final',
      dueAt: DUE,
      details: { daysLeft: 3 },
    });
  });

  it('says another due date when given one (an extension’s new date, a timer’s due version)', () => {
    const to = new Date('2030-04-01T00:00:00Z');
    expect(notificationAbout(aTask(), aCycle(), { kind: 'extended', audience: 'chair', recipients: [], details: {}, dueAt: to }).dueAt).toEqual(to);
  });

  it('names the cycle and milestone by their ids when the cycle is gone or lacks the milestone', () => {
    expect(notificationAbout(aTask(), null, { kind: 'overdue', audience: 'chair', recipients: [], details: {} })).toMatchObject({
      cycleName: IDS.cycle,
      milestoneTitle: 'final',
    });
    expect(
      notificationAbout(aTask({ milestoneKey: 'interim' }), aCycle(), { kind: 'overdue', audience: 'chair', recipients: [], details: {} }).milestoneTitle,
    ).toBe('interim');
  });
});
