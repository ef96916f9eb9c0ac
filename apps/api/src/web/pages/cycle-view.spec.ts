import { aCell, aMatrix } from '../testing/page-fixtures';
import { cycleView, startedNotice } from './cycle-view';

const i18n = {
  t: (key: string, params: Record<string, unknown> = {}) => `${key} ${JSON.stringify(params)}`,
  date: (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : ''),
  text: (v: unknown) => (typeof v === 'string' ? v : ((v as Record<string, string>)?.de ?? '')),
};

describe('cycle view', () => {
  const rows = ['Zeta', 'alpha', 'Beta'].map((name) => ({ groupKey: name.toLowerCase(), fieldOfAction: name, cells: [aCell(name)] }));

  it('rows by the group’s name as read, whatever its case; no notice unless just started', () => {
    const view = cycleView({ matrix: aMatrix({ milestones: [{ key: 'final', title: 'Final' }], rows }), started: undefined, i18n, lang: 'de' });
    expect(view.matrix.rows.map((r) => r.groupKey)).toEqual(['alpha', 'beta', 'zeta']);
    expect(view.startedNotice).toBeNull();
    expect(cycleView({ matrix: aMatrix({ milestones: [{ key: 'final', title: 'Final' }], rows }), started: '1', i18n, lang: 'de' }).startedNotice).toMatch(
      /^cycle.started.sent/,
    );
  });

  it('startedNotice reads the first milestone by its request date, and names only the groups asked for it', () => {
    const matrix = aMatrix({
      milestones: [
        { key: 'final', title: 'Final', requestAt: new Date('2030-06-01T00:00:00Z') },
        { key: 'interim', title: 'Interim', requestAt: new Date('2030-01-01T00:00:00Z') },
      ],
      rows: [
        { groupKey: 'a', fieldOfAction: 'A', cells: [aCell('a1'), aCell('a2')] },
        { groupKey: 'b', fieldOfAction: 'B', cells: [aCell('b1'), null] },
      ],
    });
    expect(startedNotice(matrix, i18n, 'en')).toBe('cycle.started.sent {"milestone":"Interim","count":1,"groups":"A"}');
  });

  it('startedNotice with nothing requested yet: being sent once the request date has come, else the date', () => {
    const at = (now: string) =>
      aMatrix({
        now: new Date(now),
        milestones: [{ key: 'final', title: 'Final', requestAt: new Date('2030-02-01T00:00:00Z') }],
        rows: [{ groupKey: 'a', fieldOfAction: 'A', cells: [null] }],
      });
    expect(startedNotice(at('2030-02-01T00:00:00Z'), i18n, 'en')).toBe('cycle.started.sending {"milestone":"Final"}');
    expect(startedNotice(at('2030-01-31T23:59:59Z'), i18n, 'en')).toBe('cycle.started.later {"milestone":"Final","date":"2030-02-01"}');
  });
});
