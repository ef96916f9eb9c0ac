import { periodOf } from '@pact/domain';
import { trendChart } from './working-group-trends-view';

const provenance = { kind: 'import' as const, importedAt: new Date('2030-01-01T00:00:00Z') };
const v = (year: number, value: number) => ({ period: periodOf.year(year), value, provenance });

describe('trendChart', () => {
  it('spreads the periods evenly, oldest on the left, the lowest value at the bottom', () => {
    const chart = trendChart([v(2013, 1), v(2015, 3), v(2018, 2)], (x) => x.period.key);
    expect(chart.points.map((p) => [p.x, p.y, p.label])).toEqual([
      [8, 110, '2013'],
      [160, 10, '2015'],
      [312, 60, '2018'],
    ]);
    expect(chart.line).toBe('8,110 160,10 312,60');
    expect([chart.min, chart.max]).toEqual([1, 3]);
  });

  it('puts a single value or a flat series in the middle', () => {
    expect(trendChart([v(2013, 5)], () => '').points.map((p) => [p.x, p.y])).toEqual([[160, 60]]);
    expect(trendChart([v(2013, 2), v(2015, 2)], () => '').points.map((p) => p.y)).toEqual([60, 60]);
    expect(trendChart([], () => '')).toMatchObject({ points: [], line: '' });
  });
});
