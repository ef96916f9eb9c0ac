import { anItem } from '../testing/page-fixtures';
import { myTasksFilter, myTasksView } from './my-tasks-view';

describe('myTasksView', () => {
  const groups = [{ key: 'education', fieldOfAction: { en: 'Education', de: 'Bildung' } }];

  it('counts the days left on the reader’s calendar, not the server’s', () => {
    // 23:30 UTC on the 15th is already the 16th in Brussels: the task due at the end of the 16th there is due today.
    const items = [anItem({ dueAt: new Date('2030-01-16T22:59:59Z') })];
    const now = new Date('2030-01-15T23:30:00Z');
    expect(myTasksView({ filter: 'waiting', groupKeys: ['education'], items, groups, now, timeZone: 'Europe/Brussels' }).items[0].daysLeft).toBe(0);
    expect(myTasksView({ filter: 'waiting', groupKeys: ['education'], items, groups, now, timeZone: 'UTC' }).items[0].daysLeft).toBe(1);
  });

  it('names each task’s field of action (the key when the group is gone) and says which still await the report', () => {
    const view = myTasksView({
      filter: 'all',
      groupKeys: ['education'],
      items: [anItem({ id: 'a', status: 'overdue' }), anItem({ id: 'b', status: 'submitted', groupKey: 'gone' }), anItem({ id: 'c', status: 'cancelled' })],
      groups,
      now: new Date('2030-01-15T09:00:00Z'),
      timeZone: 'Europe/Brussels',
    });
    expect(view.items.map((i) => [i.id, i.fieldOfAction, i.awaiting])).toEqual([
      ['a', { en: 'Education', de: 'Bildung' }, true],
      ['b', 'gone', false],
      ['c', { en: 'Education', de: 'Bildung' }, false],
    ]);
  });

  it('marks the current filter and knows a chair without groups', () => {
    const view = myTasksView({ filter: 'done', groupKeys: [], items: [], groups, now: new Date(), timeZone: 'UTC' });
    expect(view.hasGroups).toBe(false);
    expect(view.filters).toEqual([
      { key: 'waiting', current: false },
      { key: 'overdue', current: false },
      { key: 'done', current: true },
      { key: 'all', current: false },
    ]);
  });

  it('takes only its own filters from the URL', () => {
    expect(myTasksFilter('overdue')).toBe('overdue');
    expect(myTasksFilter(undefined)).toBe('waiting');
    expect(myTasksFilter('constructor')).toBe('waiting');
  });
});
