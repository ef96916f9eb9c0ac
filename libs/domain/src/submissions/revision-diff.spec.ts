import type { SubmissionContent } from './submission-content';
import { diffRevisions } from './revision-diff';

function content(over: Partial<SubmissionContent> = {}): SubmissionContent {
  return {
    measures: [
      { title: 'Language courses for parents', status: 'in-progress' },
      { title: 'Mentoring', status: 'planned', description: 'Older pupils mentor newcomers' },
    ],
    indicators: [
      { key: 'early-school-leavers', name: 'Early school leavers', unit: '%', baseline: 14.2, target: 10, actual: 12.9 },
      { key: 'reach', name: 'People reached', unit: 'people', baseline: 100, target: 200, actual: 150 },
    ],
    goodPractices: ['Parents as co-teachers'],
    obstacles: ['Short-term project funding'],
    recommendations: [],
    ...over,
  };
}

describe('diffRevisions', () => {
  it('the first revision: everything added', () => {
    const d = diffRevisions(null, content());
    expect(d.measures.added).toEqual([
      { title: 'Language courses for parents', status: 'in-progress' },
      { title: 'Mentoring', status: 'planned' },
    ]);
    expect(d.indicators.added.map((i) => i.key)).toEqual(['early-school-leavers', 'reach']);
    expect(d.texts.goodPractices).toEqual({ added: ['Parents as co-teachers'], removed: [] });
    expect(d.unchanged).toBe(false);
  });

  it('the same report again: unchanged, whatever the spacing and case of titles', () => {
    const again = content({
      measures: [
        { title: '  language courses   FOR parents ', status: 'in-progress' },
        { title: 'Mentoring', status: 'planned', description: 'Older pupils mentor newcomers ' },
      ],
    });
    const d = diffRevisions(content(), again);
    expect(d.unchanged).toBe(true);
    expect(d.measures).toEqual({ added: [], removed: [], statusChanged: [], descriptionChanged: [] });
  });

  it('measures added, removed, with a new status or description', () => {
    const next = content({
      measures: [
        { title: 'Language courses for parents', status: 'implemented' },
        { title: 'Homework clubs', status: 'planned' },
        { title: 'Mentoring', status: 'planned', description: 'Now with volunteers' },
      ],
    });
    const d = diffRevisions(content(), next);
    expect(d.measures.added).toEqual([{ title: 'Homework clubs', status: 'planned' }]);
    expect(d.measures.removed).toEqual([]);
    expect(d.measures.statusChanged).toEqual([{ title: 'Language courses for parents', from: 'in-progress', to: 'implemented' }]);
    expect(d.measures.descriptionChanged).toEqual(['Mentoring']);
    const fewer = diffRevisions(next, content({ measures: [{ title: 'Homework clubs', status: 'planned' }] }));
    expect(fewer.measures.removed).toEqual([
      { title: 'Language courses for parents', status: 'implemented' },
      { title: 'Mentoring', status: 'planned' },
    ]);
  });

  it('a title that appears twice is matched as often as it appears', () => {
    const twice = content({
      measures: [
        { title: 'Mentoring', status: 'planned' },
        { title: 'Mentoring', status: 'implemented' },
      ],
    });
    const once = content({ measures: [{ title: 'Mentoring', status: 'planned' }] });
    expect(diffRevisions(once, twice).measures.added).toEqual([{ title: 'Mentoring', status: 'implemented' }]);
    expect(diffRevisions(twice, once).measures.removed).toEqual([{ title: 'Mentoring', status: 'implemented' }]);
  });

  it('indicators: values that moved, and indicators added or removed', () => {
    const next = content({
      indicators: [
        { key: 'early-school-leavers', name: 'Early school leavers', unit: '%', baseline: 14.2, target: 9, actual: 11.5 },
        { key: 'clubs', name: 'Homework clubs', unit: 'clubs', baseline: 0, target: 10, actual: 3 },
      ],
    });
    const d = diffRevisions(content(), next);
    expect(d.indicators.changed).toEqual([
      {
        key: 'early-school-leavers',
        name: 'Early school leavers',
        unit: '%',
        changes: [
          { field: 'target', from: 10, to: 9 },
          { field: 'actual', from: 12.9, to: 11.5 },
        ],
      },
    ]);
    expect(d.indicators.added).toEqual([{ key: 'clubs', name: 'Homework clubs', unit: 'clubs' }]);
    expect(d.indicators.removed).toEqual([{ key: 'reach', name: 'People reached', unit: 'people' }]);
  });

  it('texts added and removed per list, repeated texts counted', () => {
    const next = content({ goodPractices: ['Parents as co-teachers', 'Parents as co-teachers'], obstacles: [], recommendations: ['Pool budgets'] });
    const d = diffRevisions(content(), next);
    expect(d.texts).toEqual({
      goodPractices: { added: ['Parents as co-teachers'], removed: [] },
      obstacles: { added: [], removed: ['Short-term project funding'] },
      recommendations: { added: ['Pool budgets'], removed: [] },
    });
    expect(d.unchanged).toBe(false);
  });
});
