import { DEFAULT_LIMITS, MEASURE_STATUSES, ReportTemplate } from '../templates/report-template';
import { contentFromDraft, draftFromContent, draftProblems, emptyDraft, indicatorKeyFrom, parseDraftNumber, ReportDraft } from './report-draft';

const template = (over: Partial<ReportTemplate> = {}): ReportTemplate => ({
  key: 't',
  name: 'T',
  measureStatuses: MEASURE_STATUSES,
  indicatorsByGroup: {
    education: [
      { key: 'early-school-leavers', name: 'Early school leavers', unit: '%', higherIsBetter: false },
      { key: 'language-courses', name: 'Pupils in language courses', unit: 'pupils', higherIsBetter: true },
    ],
  },
  allowCustomIndicators: true,
  limits: { ...DEFAULT_LIMITS, maxMeasures: 3, maxItemsPerList: 2 },
  ...over,
});

function draft(over: Partial<ReportDraft> = {}): ReportDraft {
  return {
    measures: [
      { title: ' Language courses ', status: 'in-progress', description: '' },
      { title: '', status: '', description: '  ' },
      { title: 'Mentoring', status: '', description: 'Pupils mentor newcomers' },
    ],
    predefinedIndicators: [
      { key: 'language-courses', baseline: '120', target: '200', actual: '1 350,5' },
      { key: 'early-school-leavers', baseline: '', target: ' ', actual: '' },
    ],
    customIndicators: [
      { key: '', name: '', unit: '', baseline: '', target: '', actual: '' },
      { key: '', name: 'Homework clubs', unit: 'clubs', baseline: '0', target: '10', actual: 'three' },
    ],
    goodPractices: ['', 'Parents as co-teachers'],
    obstacles: [],
    recommendations: ['  Pool budgets '],
    ...over,
  };
}

describe('report drafts', () => {
  it('numbers as people type them; anything else is left for the API rule to refuse', () => {
    expect(parseDraftNumber('12.5')).toBe(12.5);
    expect(parseDraftNumber(' 12,5 ')).toBe(12.5);
    expect(parseDraftNumber('-3')).toBe(-3);
    expect(parseDraftNumber('1 200')).toBe(1200);
    expect(parseDraftNumber('1\u202f200,25')).toBe(1200.25);
    expect(parseDraftNumber('')).toBeUndefined();
    expect(parseDraftNumber('  ')).toBeUndefined();
    expect(parseDraftNumber('three')).toBe('three');
    expect(parseDraftNumber('1.2.3')).toBe('1.2.3');
  });

  it('keys of custom indicators follow the API key rule', () => {
    expect(indicatorKeyFrom('Homework clubs', 'custom-1')).toBe('homework-clubs');
    expect(indicatorKeyFrom('Élèves accompagnés (%)', 'custom-1')).toBe('eleves-accompagnes');
    expect(indicatorKeyFrom('2030 targets met', 'custom-2')).toBe('targets-met');
    expect(indicatorKeyFrom('日本語', 'custom-3')).toBe('custom-3');
    expect(indicatorKeyFrom('x'.repeat(100), 'c')).toHaveLength(60);
  });

  it('becomes the API body without blank rows, and says which field each value came from', () => {
    const { body, draftPathOf } = contentFromDraft(draft(), template(), 'education');
    expect(body).toEqual({
      measures: [
        { title: 'Language courses', status: 'in-progress' },
        { title: 'Mentoring', status: '', description: 'Pupils mentor newcomers' },
      ],
      indicators: [
        { key: 'language-courses', baseline: 120, target: 200, actual: 1350.5 },
        { key: 'homework-clubs', name: 'Homework clubs', unit: 'clubs', baseline: 0, target: 10, actual: 'three' },
      ],
      goodPractices: ['Parents as co-teachers'],
      obstacles: [],
      recommendations: ['Pool budgets'],
    });
    // The second measure of the body is the form's third row; the second indicator its second custom row.
    expect(draftPathOf('measures[1].status')).toBe('measures[2].status');
    expect(draftPathOf('measures[0].title')).toBe('measures[0].title');
    expect(draftPathOf('indicators[0].actual')).toBe('indicators.language-courses.actual');
    expect(draftPathOf('indicators[1].actual')).toBe('customIndicators[1].actual');
    expect(draftPathOf('indicators[1]')).toBe('customIndicators[1].unit');
    expect(draftPathOf('indicators[1].key')).toBe('customIndicators[1].name');
    expect(draftPathOf('goodPractices[0]')).toBe('goodPractices[1]');
    expect(draftPathOf('recommendations[0]')).toBe('recommendations[0]');
    expect(draftPathOf('measures')).toBe('measures');
    expect(draftPathOf('obstacles')).toBe('obstacles');
  });

  it('a custom indicator without a name points at its name', () => {
    const d = draft({ customIndicators: [{ key: '', name: '', unit: 'clubs', baseline: '1', target: '2', actual: '3' }] });
    expect(contentFromDraft(d, template(), 'education').draftPathOf('indicators[1]')).toBe('customIndicators[0].name');
  });

  it('a revision back into a draft: predefined and custom indicators apart, numbers as text', () => {
    const t = template();
    const d = draftFromContent(
      {
        measures: [{ title: 'A', status: 'planned', description: 'why' }],
        indicators: [
          { key: 'early-school-leavers', name: 'Early school leavers', unit: '%', baseline: 14.2, target: 10, actual: 12.9 },
          { key: 'reach', name: 'People reached', unit: 'people', baseline: 1, target: 2, actual: 3 },
        ],
        goodPractices: ['g'],
        obstacles: [],
        recommendations: ['r'],
      },
      t,
      'education',
    );
    expect(d.predefinedIndicators).toEqual([{ key: 'early-school-leavers', baseline: '14.2', target: '10', actual: '12.9' }]);
    expect(d.customIndicators).toEqual([{ key: 'reach', name: 'People reached', unit: 'people', baseline: '1', target: '2', actual: '3' }]);
    expect(d.measures).toEqual([{ title: 'A', status: 'planned', description: 'why' }]);
    // Round trip: the same body again, custom indicator keeping its key.
    expect(contentFromDraft(d, t, 'education').body.indicators).toEqual([
      { key: 'early-school-leavers', baseline: 14.2, target: 10, actual: 12.9 },
      { key: 'reach', name: 'People reached', unit: 'people', baseline: 1, target: 2, actual: 3 },
    ]);
    expect(
      draftFromContent(
        { measures: [], indicators: [{ key: 'reach', baseline: 1, target: 2, actual: 3 }], goodPractices: [], obstacles: [], recommendations: [] },
        template({ allowCustomIndicators: false }),
        'education',
      ).customIndicators,
    ).toEqual([]);
  });

  it('a draft may be incomplete but is bounded', () => {
    expect(draftProblems(emptyDraft(), template(), 'education')).toEqual([]);
    expect(draftProblems(draft(), template(), 'education')).toEqual([]);
    const m = { title: 't', status: '', description: '' };
    const big = draft({ measures: [m, m, m, m], goodPractices: ['a', 'b', 'c'], recommendations: ['x'.repeat(20_001)] });
    expect(draftProblems(big, template(), 'education').map((p) => [p.path, p.rule])).toEqual([
      ['measures', 'too-many'],
      ['goodPractices', 'too-many'],
      ['recommendations[0]', 'too-long'],
    ]);
    expect(
      draftProblems(draft({ predefinedIndicators: [{ key: 'turnout', baseline: '', target: '', actual: '' }] }), template(), 'education').map((p) => p.rule),
    ).toEqual(['indicator-unknown']);
    expect(draftProblems(draft(), template({ allowCustomIndicators: false }), 'education').map((p) => p.rule)).toEqual(['custom-not-allowed']);
  });
});
