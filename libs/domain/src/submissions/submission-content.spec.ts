import { DEFAULT_LIMITS, MEASURE_STATUSES, MeasureStatus, ReportTemplate } from '../templates/report-template';
import { checkContentAgainstTemplate, normaliseContent, SubmissionContent } from './submission-content';

function template(overrides: Partial<ReportTemplate> = {}): ReportTemplate {
  return {
    key: 'pact',
    name: 'Pact template',
    measureStatuses: MEASURE_STATUSES,
    indicatorsByGroup: {
      housing: [
        { key: 'homes-built', name: 'Homes built', unit: 'homes', higherIsBetter: true },
        { key: 'waiting-days', name: 'Waiting time', unit: 'days', higherIsBetter: false },
      ],
      education: [],
    },
    allowCustomIndicators: false,
    limits: { maxMeasures: 2, maxIndicators: 2, maxItemsPerList: 2, maxTextLength: 50 },
    ...overrides,
  };
}

function content(overrides: Partial<SubmissionContent> = {}): SubmissionContent {
  return {
    measures: [
      { title: 'Social housing fund', status: 'in-progress' },
      { title: 'Language courses', status: 'implemented', description: 'Weekly' },
    ],
    indicators: [
      { key: 'homes-built', baseline: 100, target: 200, actual: 150 },
      { key: 'waiting-days', baseline: 90, target: 60, actual: 75 },
    ],
    goodPractices: ['one-stop shop'],
    obstacles: ['funding'],
    recommendations: [],
    ...overrides,
  };
}

describe('constants', () => {
  it('define the measure scale and default limits', () => {
    expect(MEASURE_STATUSES).toEqual(['not-started', 'planned', 'in-progress', 'implemented', 'discontinued']);
    expect(DEFAULT_LIMITS).toEqual({ maxMeasures: 100, maxIndicators: 100, maxItemsPerList: 50, maxTextLength: 4000 });
  });
});

describe('checkContentAgainstTemplate', () => {
  it('accepts content that fits the template', () => {
    expect(checkContentAgainstTemplate(template(), 'housing', content())).toEqual([]);
  });

  it('accepts content with a matching unit given explicitly', () => {
    const c = content({ indicators: [{ key: 'homes-built', unit: 'homes', name: 'whatever', baseline: 0, target: 1, actual: 1 }] });
    expect(checkContentAgainstTemplate(template(), 'housing', c)).toEqual([]);
  });

  it('rejects an unknown indicator when custom indicators are not allowed, naming the known ones', () => {
    const c = content({
      indicators: [
        { key: 'homes-built', baseline: 0, target: 1, actual: 1 },
        { key: 'jobs', name: 'Jobs', unit: 'jobs', baseline: 0, target: 1, actual: 1 },
      ],
    });
    expect(checkContentAgainstTemplate(template(), 'housing', c)).toEqual([
      { path: 'indicators[1].key', message: 'unknown indicator "jobs" for working group housing; known: homes-built, waiting-days' },
    ]);
  });

  it('says "none" when the group has no predefined indicators, or is not in the template', () => {
    const c = content({ indicators: [{ key: 'jobs', baseline: 0, target: 1, actual: 1 }] });
    expect(checkContentAgainstTemplate(template(), 'education', c)).toEqual([
      { path: 'indicators[0].key', message: 'unknown indicator "jobs" for working group education; known: none' },
    ]);
    expect(checkContentAgainstTemplate(template(), 'health', c)).toEqual([
      { path: 'indicators[0].key', message: 'unknown indicator "jobs" for working group health; known: none' },
    ]);
  });

  it('accepts an unknown indicator with a name and unit when custom indicators are allowed', () => {
    const c = content({ indicators: [{ key: 'jobs', name: 'Jobs created', unit: 'jobs', baseline: 0, target: 10, actual: 4 }] });
    expect(checkContentAgainstTemplate(template({ allowCustomIndicators: true }), 'housing', c)).toEqual([]);
    expect(checkContentAgainstTemplate(template({ allowCustomIndicators: true }), 'health', c)).toEqual([]);
  });

  it('requires a name and a unit for a custom indicator', () => {
    const t = template({ allowCustomIndicators: true });
    const c = content({
      indicators: [
        { key: 'jobs', unit: 'jobs', baseline: 0, target: 10, actual: 4 },
        { key: 'courses', name: 'Courses', baseline: 0, target: 10, actual: 4 },
        { key: 'visits', name: '', unit: 'visits', baseline: 0, target: 10, actual: 4 },
        { key: 'fine', name: 'Fine', unit: 'units', baseline: 0, target: 10, actual: 4 },
      ],
    });
    // maxIndicators is 2, so 'indicators' is reported too
    expect(checkContentAgainstTemplate(t, 'housing', c)).toEqual([
      { path: 'indicators', message: 'at most 2 indicators' },
      { path: 'indicators[0]', message: 'a custom indicator needs a name and a unit' },
      { path: 'indicators[1]', message: 'a custom indicator needs a name and a unit' },
      { path: 'indicators[2]', message: 'a custom indicator needs a name and a unit' },
    ]);
  });

  it('rejects a predefined indicator reported in another unit', () => {
    const c = content({
      indicators: [
        { key: 'homes-built', unit: 'flats', baseline: 0, target: 1, actual: 1 },
        { key: 'waiting-days', unit: 'days', baseline: 0, target: 1, actual: 1 },
      ],
    });
    expect(checkContentAgainstTemplate(template(), 'housing', c)).toEqual([
      { path: 'indicators[0].unit', message: 'indicator "homes-built" is measured in homes' },
    ]);
    // custom indicators being allowed does not change that
    expect(checkContentAgainstTemplate(template({ allowCustomIndicators: true }), 'housing', c)).toEqual([
      { path: 'indicators[0].unit', message: 'indicator "homes-built" is measured in homes' },
    ]);
  });

  it('rejects an indicator reported twice', () => {
    const c = content({
      indicators: [
        { key: 'homes-built', baseline: 0, target: 1, actual: 1 },
        { key: 'homes-built', baseline: 0, target: 1, actual: 2 },
      ],
    });
    expect(checkContentAgainstTemplate(template(), 'housing', c)).toEqual([{ path: 'indicators[1].key', message: 'indicator "homes-built" reported twice' }]);
  });

  it('reports a custom indicator reported twice, once', () => {
    const ind = { key: 'jobs', name: 'Jobs', unit: 'jobs', baseline: 0, target: 1, actual: 1 };
    expect(checkContentAgainstTemplate(template({ allowCustomIndicators: true }), 'housing', content({ indicators: [ind, ind] }))).toEqual([
      { path: 'indicators[1].key', message: 'indicator "jobs" reported twice' },
    ]);
  });

  it('enforces the limits on measures, indicators and each list', () => {
    const t = template({ allowCustomIndicators: true });
    const m = { title: 'M', status: 'planned' as MeasureStatus };
    const c: SubmissionContent = {
      measures: [m, m, m],
      indicators: [
        { key: 'homes-built', baseline: 0, target: 1, actual: 1 },
        { key: 'waiting-days', baseline: 0, target: 1, actual: 1 },
        { key: 'jobs', name: 'Jobs', unit: 'jobs', baseline: 0, target: 1, actual: 1 },
      ],
      goodPractices: ['a', 'b', 'c'],
      obstacles: ['a', 'b', 'c', 'd'],
      recommendations: ['a', 'b', 'c'],
    };
    expect(checkContentAgainstTemplate(t, 'housing', c)).toEqual([
      { path: 'measures', message: 'at most 2 measures' },
      { path: 'indicators', message: 'at most 2 indicators' },
      { path: 'goodPractices', message: 'at most 2 items' },
      { path: 'obstacles', message: 'at most 2 items' },
      { path: 'recommendations', message: 'at most 2 items' },
    ]);
  });

  it('accepts content exactly at the limits', () => {
    const m = { title: 'M', status: 'planned' as MeasureStatus };
    const c = content({ measures: [m, m], goodPractices: ['a', 'b'], obstacles: ['a', 'b'], recommendations: ['a', 'b'] });
    expect(checkContentAgainstTemplate(template(), 'housing', c)).toEqual([]);
  });

  it('rejects a measure status outside the template scale', () => {
    const t = template({ measureStatuses: ['planned', 'implemented'] });
    const c = content({
      measures: [
        { title: 'A', status: 'implemented' },
        { title: 'B', status: 'in-progress' },
      ],
    });
    expect(checkContentAgainstTemplate(t, 'housing', c)).toEqual([{ path: 'measures[1].status', message: 'must be one of planned, implemented' }]);
  });

  it('rejects a measure status that is not on the scale at all', () => {
    const c = content({ measures: [{ title: 'A', status: 'done' as MeasureStatus }] });
    expect(checkContentAgainstTemplate(template(), 'housing', c)).toEqual([
      { path: 'measures[0].status', message: 'must be one of not-started, planned, in-progress, implemented, discontinued' },
    ]);
  });

  it('enforces limits.maxTextLength on texts', () => {
    const c = content({ obstacles: ['x'.repeat(51)] });
    expect(checkContentAgainstTemplate(template(), 'housing', c).length).toBeGreaterThan(0);
  });
});

describe('normaliseContent', () => {
  it('fills in names and units of predefined indicators', () => {
    const out = normaliseContent(template(), 'housing', content());
    expect(out.indicators).toEqual([
      { key: 'homes-built', name: 'Homes built', unit: 'homes', baseline: 100, target: 200, actual: 150 },
      { key: 'waiting-days', name: 'Waiting time', unit: 'days', baseline: 90, target: 60, actual: 75 },
    ]);
  });

  it('replaces a name given by the group with the template name', () => {
    const out = normaliseContent(
      template(),
      'housing',
      content({ indicators: [{ key: 'homes-built', name: 'New homes', unit: 'homes', baseline: 1, target: 2, actual: 3 }] }),
    );
    expect(out.indicators).toEqual([{ key: 'homes-built', name: 'Homes built', unit: 'homes', baseline: 1, target: 2, actual: 3 }]);
  });

  it('leaves custom indicators and indicators of unknown groups as they are', () => {
    const custom = { key: 'jobs', name: 'Jobs', unit: 'jobs', baseline: 0, target: 10, actual: 4 };
    expect(normaliseContent(template(), 'housing', content({ indicators: [custom] })).indicators).toEqual([custom]);
    const bare = { key: 'homes-built', baseline: 0, target: 10, actual: 4 };
    expect(normaliseContent(template(), 'health', content({ indicators: [bare] })).indicators).toEqual([bare]);
  });

  it('keeps the rest of the content and does not mutate its input', () => {
    const input = content();
    const out = normaliseContent(template(), 'housing', input);
    expect(out.measures).toEqual(input.measures);
    expect(out.goodPractices).toEqual(['one-stop shop']);
    expect(out.obstacles).toEqual(['funding']);
    expect(out.recommendations).toEqual([]);
    expect(input.indicators[0]).toEqual({ key: 'homes-built', baseline: 100, target: 200, actual: 150 });
    expect(out).not.toBe(input);
  });
});
