import { SubmissionContent } from '../submissions/submission-content';
import { MeasureStatus } from '../templates/report-template';
import { emptyStatusCounts, ImplementationReport } from './implementation-report';
import { compareReports, CompilerHeader, CompilerTaskInput, indicatorResult, ReportCompiler } from './report-compiler';

const d = (iso: string) => new Date(iso);

const header = (overrides: Partial<CompilerHeader> = {}): CompilerHeader => ({
  cycleId: 'c-2025',
  cycleName: 'Pact 2025–2027',
  milestoneKey: 'final',
  milestoneTitle: 'Implementation report',
  milestoneKind: 'final',
  dueAt: d('2026-12-01T00:00:00.000Z'),
  compiledAt: d('2027-01-01T00:00:00.000Z'),
  ...overrides,
});

const measures = (...statuses: MeasureStatus[]) => statuses.map((status, i) => ({ title: `M${i + 1}`, status }));

function content(overrides: Partial<SubmissionContent> = {}): SubmissionContent {
  return { measures: [], indicators: [], goodPractices: [], obstacles: [], recommendations: [], ...overrides };
}

function task(groupKey: string, overrides: Partial<CompilerTaskInput> = {}): CompilerTaskInput {
  return {
    groupKey,
    fieldOfAction: `Field ${groupKey}`,
    status: 'submitted',
    late: false,
    submittedAt: d('2026-11-20T00:00:00.000Z'),
    revision: 1,
    escalationLevel: 0,
    extended: false,
    content: content(),
    ...overrides,
  };
}

const LOWER_IS_BETTER = new Set(['waiting-days', 'dropout-rate']);
const higherIsBetter = (_group: string, key: string) => !LOWER_IS_BETTER.has(key);

describe('emptyStatusCounts', () => {
  it('has a zero for every status and is a new object each time', () => {
    const a = emptyStatusCounts();
    expect(a).toEqual({ 'not-started': 0, planned: 0, 'in-progress': 0, implemented: 0, discontinued: 0 });
    a.planned = 5;
    expect(emptyStatusCounts().planned).toBe(0);
  });
});

describe('indicatorResult', () => {
  it('computes progress from baseline to target, higher is better', () => {
    expect(indicatorResult({ key: 'k', name: 'K', unit: 'u', baseline: 100, target: 200, actual: 150 })).toEqual({
      key: 'k',
      name: 'K',
      unit: 'u',
      baseline: 100,
      target: 200,
      actual: 150,
      progress: 0.5,
      achieved: false,
    });
    expect(indicatorResult({ key: 'k', baseline: 100, target: 200, actual: 200 })).toMatchObject({ progress: 1, achieved: true });
    expect(indicatorResult({ key: 'k', baseline: 100, target: 200, actual: 250 })).toMatchObject({ progress: 1.5, achieved: true });
    expect(indicatorResult({ key: 'k', baseline: 100, target: 200, actual: 80 })).toMatchObject({ progress: -0.2, achieved: false });
  });

  it('rounds progress to three decimals', () => {
    expect(indicatorResult({ key: 'k', baseline: 0, target: 3, actual: 1 }).progress).toBe(0.333);
    expect(indicatorResult({ key: 'k', baseline: 0, target: 3, actual: 2 }).progress).toBe(0.667);
  });

  it('computes progress and achievement when lower is better', () => {
    // 90 -> 60 days; 75 is half way, not achieved
    expect(indicatorResult({ key: 'k', baseline: 90, target: 60, actual: 75 }, false)).toMatchObject({ progress: 0.5, achieved: false });
    // 50 days: beyond the target; (50-90)/(60-90) = 1.333
    expect(indicatorResult({ key: 'k', baseline: 90, target: 60, actual: 50 }, false)).toMatchObject({ progress: 1.333, achieved: true });
    expect(indicatorResult({ key: 'k', baseline: 90, target: 60, actual: 60 }, false)).toMatchObject({ progress: 1, achieved: true });
    // worse than the baseline
    expect(indicatorResult({ key: 'k', baseline: 90, target: 60, actual: 100 }, false)).toMatchObject({ progress: -0.333, achieved: false });
  });

  it('gives progress null when baseline equals target', () => {
    expect(indicatorResult({ key: 'k', baseline: 10, target: 10, actual: 12 })).toMatchObject({ progress: null, achieved: true });
    expect(indicatorResult({ key: 'k', baseline: 10, target: 10, actual: 9 })).toMatchObject({ progress: null, achieved: false });
    expect(indicatorResult({ key: 'k', baseline: 10, target: 10, actual: 9 }, false)).toMatchObject({ progress: null, achieved: true });
    expect(indicatorResult({ key: 'k', baseline: 10, target: 10, actual: 12 }, false)).toMatchObject({ progress: null, achieved: false });
  });

  it('falls back to the key as name and an empty unit', () => {
    expect(indicatorResult({ key: 'jobs', baseline: 0, target: 1, actual: 0 })).toMatchObject({ name: 'jobs', unit: '' });
  });
});

describe('ReportCompiler', () => {
  const housing = task('housing', {
    fieldOfAction: 'Housing',
    submittedAt: d('2026-11-25T10:00:00.000Z'),
    revision: 3,
    content: content({
      measures: measures('implemented', 'implemented', 'in-progress'),
      indicators: [
        { key: 'homes-built', name: 'Homes built', unit: 'homes', baseline: 100, target: 200, actual: 150 },
        { key: 'waiting-days', name: 'Waiting time', unit: 'days', baseline: 90, target: 60, actual: 50 },
      ],
      goodPractices: ['gp1'],
      obstacles: ['ob1', 'ob2'],
      recommendations: [],
    }),
  });
  const education = task('education', {
    fieldOfAction: 'Education',
    late: true,
    submittedAt: d('2026-12-05T00:00:00.000Z'),
    revision: 2,
    escalationLevel: 1,
    extended: true,
    content: content({
      measures: measures('planned', 'implemented'),
      indicators: [
        { key: 'school-places', name: 'School places', unit: 'places', baseline: 10, target: 10, actual: 12 },
        { key: 'dropout-rate', name: 'Dropout rate', unit: '%', baseline: 12, target: 8, actual: 9 },
        { key: 'teachers', baseline: 0, target: 3, actual: 1 },
      ],
      recommendations: ['rec1'],
    }),
  });
  // not submitted: still overdue, escalated twice (late flag irrelevant)
  const health = task('health', {
    fieldOfAction: 'Health',
    status: 'overdue',
    late: true,
    escalationLevel: 2,
    content: undefined,
    submittedAt: undefined,
    revision: undefined,
  });
  // marked submitted but without content: counts as missing
  const culture = task('culture', { fieldOfAction: 'Culture', content: undefined, revision: 4 });

  const compile = () => {
    const c = new ReportCompiler(header(), higherIsBetter);
    // in no particular order
    for (const t of [housing, health, education, culture]) c.add(t);
    return c.result();
  };

  it('copies the header and has no comparison without a previous report', () => {
    const r = compile();
    expect(r.cycleId).toBe('c-2025');
    expect(r.cycleName).toBe('Pact 2025–2027');
    expect(r.milestoneKey).toBe('final');
    expect(r.milestoneTitle).toBe('Implementation report');
    expect(r.milestoneKind).toBe('final');
    expect(r.dueAt).toEqual(d('2026-12-01T00:00:00.000Z'));
    expect(r.compiledAt).toEqual(d('2027-01-01T00:00:00.000Z'));
    expect(r.changeSincePrevious).toBeNull();
  });

  it('counts coverage: on time, late and missing', () => {
    const r = compile();
    expect(r.coverage.total).toBe(4);
    expect(r.coverage.onTime).toBe(1);
    expect(r.coverage.late).toBe(1);
    expect(r.coverage.missing).toBe(2);
  });

  it('lists coverage per group, sorted by group key', () => {
    expect(compile().coverage.byGroup).toEqual([
      { groupKey: 'culture', fieldOfAction: 'Culture', state: 'missing', submittedAt: undefined, revision: undefined, escalationLevel: 0, extended: false },
      {
        groupKey: 'education',
        fieldOfAction: 'Education',
        state: 'late',
        submittedAt: d('2026-12-05T00:00:00.000Z'),
        revision: 2,
        escalationLevel: 1,
        extended: true,
      },
      { groupKey: 'health', fieldOfAction: 'Health', state: 'missing', submittedAt: undefined, revision: undefined, escalationLevel: 2, extended: false },
      {
        groupKey: 'housing',
        fieldOfAction: 'Housing',
        state: 'on-time',
        submittedAt: d('2026-11-25T10:00:00.000Z'),
        revision: 3,
        escalationLevel: 0,
        extended: false,
      },
    ]);
  });

  it('does not expose the submission date or revision of a group counted as missing', () => {
    const culture = compile().coverage.byGroup.find((g) => g.groupKey === 'culture')!;
    expect(culture.submittedAt).toBeUndefined();
    expect(culture.revision).toBeUndefined();
  });

  it('counts measures by status per field of action', () => {
    const byKey = Object.fromEntries(compile().fields.map((f) => [f.groupKey, f.measuresByStatus]));
    expect(byKey.housing).toEqual({ 'not-started': 0, planned: 0, 'in-progress': 1, implemented: 2, discontinued: 0 });
    expect(byKey.education).toEqual({ 'not-started': 0, planned: 1, 'in-progress': 0, implemented: 1, discontinued: 0 });
    expect(byKey.health).toEqual(emptyStatusCounts());
    expect(byKey.culture).toEqual(emptyStatusCounts());
  });

  it('totals measures and indicators over all submitted fields', () => {
    expect(compile().totals).toEqual({
      measures: 5,
      measuresByStatus: { 'not-started': 0, planned: 1, 'in-progress': 1, implemented: 3, discontinued: 0 },
      indicators: 5,
      // waiting-days (50 <= 60, lower is better) and school-places (12 >= 10)
      indicatorsAchieved: 2,
    });
  });

  it('computes indicator progress and achievement, honouring higherIsBetter per indicator', () => {
    const fields = Object.fromEntries(compile().fields.map((f) => [f.groupKey, f]));
    expect(fields.housing.indicators).toEqual([
      { key: 'homes-built', name: 'Homes built', unit: 'homes', baseline: 100, target: 200, actual: 150, progress: 0.5, achieved: false },
      { key: 'waiting-days', name: 'Waiting time', unit: 'days', baseline: 90, target: 60, actual: 50, progress: 1.333, achieved: true },
    ]);
    expect(fields.education.indicators).toEqual([
      { key: 'school-places', name: 'School places', unit: 'places', baseline: 10, target: 10, actual: 12, progress: null, achieved: true },
      { key: 'dropout-rate', name: 'Dropout rate', unit: '%', baseline: 12, target: 8, actual: 9, progress: 0.75, achieved: false },
      { key: 'teachers', name: 'teachers', unit: '', baseline: 0, target: 3, actual: 1, progress: 0.333, achieved: false },
    ]);
  });

  it('asks higherIsBetter with the group and indicator key', () => {
    const fn = jest.fn(() => true);
    const c = new ReportCompiler(header(), fn);
    c.add(housing);
    c.add(health);
    expect(fn.mock.calls).toEqual([
      ['housing', 'homes-built'],
      ['housing', 'waiting-days'],
    ]);
  });

  it('treats every indicator as higher-is-better by default', () => {
    const c = new ReportCompiler(header());
    c.add(housing);
    const waiting = c.result().fields[0].indicators[1];
    // 50 days against a target of 60, read as higher-is-better: not achieved
    expect(waiting).toMatchObject({ key: 'waiting-days', progress: 1.333, achieved: false });
    expect(c.result().totals.indicatorsAchieved).toBe(0);
  });

  it('gathers measures and texts of submitted fields and leaves missing ones empty', () => {
    const fields = compile().fields;
    expect(fields.map((f) => f.groupKey)).toEqual(['culture', 'education', 'health', 'housing']);
    expect(fields.map((f) => f.submitted)).toEqual([false, true, false, true]);
    const [culture, education, health, housingField] = fields;
    expect(housingField.fieldOfAction).toBe('Housing');
    expect(housingField.measures).toEqual([
      { title: 'M1', status: 'implemented' },
      { title: 'M2', status: 'implemented' },
      { title: 'M3', status: 'in-progress' },
    ]);
    expect(housingField.goodPractices).toEqual(['gp1']);
    expect(housingField.obstacles).toEqual(['ob1', 'ob2']);
    expect(housingField.recommendations).toEqual([]);
    expect(education.recommendations).toEqual(['rec1']);
    for (const f of [culture, health]) {
      expect(f.measures).toEqual([]);
      expect(f.indicators).toEqual([]);
      expect(f.goodPractices).toEqual([]);
      expect(f.obstacles).toEqual([]);
      expect(f.recommendations).toEqual([]);
    }
  });

  it('keeps what the chair wrote about each measure; an empty description is left out', () => {
    const c = new ReportCompiler(header());
    c.add(
      task('a', {
        content: content({
          measures: [
            { title: 'T', status: 'planned', description: 'long text\nsecond line' },
            { title: 'U', status: 'planned', description: '  ' },
          ],
        }),
      }),
    );
    expect(c.result().fields[0].measures).toEqual([
      { title: 'T', status: 'planned', description: 'long text\nsecond line' },
      { title: 'U', status: 'planned' },
    ]);
  });

  it('caps each gathered list at 200 items per field', () => {
    const many = Array.from({ length: 250 }, (_, i) => `item ${i}`);
    const c = new ReportCompiler(header());
    c.add(task('a', { content: content({ goodPractices: many, obstacles: many.slice(0, 200), recommendations: many.slice(0, 5) }) }));
    const f = c.result().fields[0];
    expect(f.goodPractices).toHaveLength(200);
    expect(f.goodPractices[0]).toBe('item 0');
    expect(f.goodPractices[199]).toBe('item 199');
    expect(f.obstacles).toHaveLength(200);
    expect(f.recommendations).toHaveLength(5);
  });

  it('counts a late submission as late, and an on-time one as on time, regardless of escalation', () => {
    const c = new ReportCompiler(header());
    c.add(task('b', { late: true }));
    c.add(task('a', { late: false, escalationLevel: 2, extended: true }));
    c.add(task('c', { status: 'cancelled', content: content({ measures: measures('implemented') }) }));
    const r = c.result();
    expect(r.coverage.byGroup.map((g) => [g.groupKey, g.state])).toEqual([
      ['a', 'on-time'],
      ['b', 'late'],
      ['c', 'missing'],
    ]);
    // the cancelled task's content is not counted
    expect(r.totals.measures).toBe(0);
    expect(r.fields[2].submitted).toBe(false);
  });

  it('produces an empty report without tasks', () => {
    const r = new ReportCompiler(header()).result();
    expect(r.coverage).toEqual({ total: 0, onTime: 0, late: 0, missing: 0, byGroup: [] });
    expect(r.totals).toEqual({ measures: 0, measuresByStatus: emptyStatusCounts(), indicators: 0, indicatorsAchieved: 0 });
    expect(r.fields).toEqual([]);
  });
});

describe('compareReports', () => {
  function previousReport(): ImplementationReport {
    const c = new ReportCompiler(header({ cycleId: 'c-2023', cycleName: 'Pact 2023–2025', compiledAt: d('2025-01-01T00:00:00.000Z') }), higherIsBetter);
    c.add(
      task('housing', {
        fieldOfAction: 'Housing (2023)',
        content: content({
          measures: measures('implemented', 'in-progress', 'in-progress'),
          indicators: [
            { key: 'waiting-days', name: 'Waiting time', unit: 'days', baseline: 90, target: 60, actual: 80 },
            { key: 'homes-built', name: 'Old name', unit: 'homes', baseline: 100, target: 200, actual: 120.1 },
          ],
        }),
      }),
    );
    c.add(
      task('health', {
        fieldOfAction: 'Health',
        content: content({
          measures: measures('planned'),
          indicators: [{ key: 'clinics', name: 'Clinics', unit: 'clinics', baseline: 2, target: 4, actual: 4 }],
        }),
      }),
    );
    c.add(
      task('arts', {
        fieldOfAction: 'Arts',
        late: true,
        content: content({
          measures: measures('not-started'),
          indicators: [{ key: 'venues', name: 'Venues', unit: 'venues', baseline: 1, target: 2, actual: 1.5 }],
        }),
      }),
    );
    return c.result();
  }

  function currentCompiler(): ReportCompiler {
    const c = new ReportCompiler(header(), higherIsBetter);
    c.add(
      task('housing', {
        fieldOfAction: 'Housing',
        late: true,
        content: content({
          measures: measures('implemented', 'implemented', 'in-progress', 'discontinued'),
          indicators: [
            { key: 'homes-built', name: 'Homes built', unit: 'homes', baseline: 100, target: 200, actual: 150.3 },
            { key: 'waiting-days', name: 'Waiting time', unit: 'days', baseline: 90, target: 60, actual: 55 },
            { key: 'social-rent', name: 'Social rent', unit: '%', baseline: 0, target: 10, actual: 3 },
          ],
        }),
      }),
    );
    c.add(task('health', { fieldOfAction: 'Health', status: 'overdue', content: undefined }));
    c.add(
      task('education', {
        fieldOfAction: 'Education',
        content: content({
          measures: measures('implemented'),
          indicators: [{ key: 'school-places', name: 'School places', unit: 'places', baseline: 10, target: 10, actual: 12 }],
        }),
      }),
    );
    return c;
  }

  it('sanity: the two reports have the totals the deltas are computed from', () => {
    const prev = previousReport();
    const cur = currentCompiler().result();
    expect([prev.coverage.onTime, prev.coverage.late, prev.coverage.missing]).toEqual([2, 1, 0]);
    expect([cur.coverage.onTime, cur.coverage.late, cur.coverage.missing]).toEqual([1, 1, 1]);
    expect(prev.totals.measuresByStatus.implemented).toBe(1);
    expect(cur.totals.measuresByStatus.implemented).toBe(3);
    expect(prev.totals.indicatorsAchieved).toBe(1); // clinics
    expect(cur.totals.indicatorsAchieved).toBe(2); // waiting-days, school-places
  });

  it('names the previous report and gives total deltas', () => {
    const change = compareReports(previousReport(), currentCompiler().result());
    expect(change.previousCycleId).toBe('c-2023');
    expect(change.previousCycleName).toBe('Pact 2023–2025');
    expect(change.previousCompiledAt).toEqual(d('2025-01-01T00:00:00.000Z'));
    expect(change.coverage).toEqual({ onTime: -1, late: 0, missing: 1 });
    expect(change.measuresImplemented).toBe(2);
    expect(change.indicatorsAchieved).toBe(1);
  });

  it('compares every field of either report, sorted by group key', () => {
    const change = compareReports(previousReport(), currentCompiler().result());
    expect(change.fields.map((f) => [f.groupKey, f.fieldOfAction])).toEqual([
      ['arts', 'Arts'],
      ['education', 'Education'],
      ['health', 'Health'],
      // the current field name wins
      ['housing', 'Housing'],
    ]);
  });

  it('gives measure deltas per status', () => {
    const fields = Object.fromEntries(compareReports(previousReport(), currentCompiler().result()).fields.map((f) => [f.groupKey, f]));
    expect(fields.arts.measuresByStatus).toEqual({ 'not-started': -1, planned: 0, 'in-progress': 0, implemented: 0, discontinued: 0 });
    expect(fields.education.measuresByStatus).toEqual({ 'not-started': 0, planned: 0, 'in-progress': 0, implemented: 1, discontinued: 0 });
    expect(fields.health.measuresByStatus).toEqual({ 'not-started': 0, planned: -1, 'in-progress': 0, implemented: 0, discontinued: 0 });
    expect(fields.housing.measuresByStatus).toEqual({ 'not-started': 0, planned: 0, 'in-progress': -1, implemented: 1, discontinued: 1 });
  });

  it('gives indicator changes, null where either side is missing', () => {
    const fields = Object.fromEntries(compareReports(previousReport(), currentCompiler().result()).fields.map((f) => [f.groupKey, f]));
    expect(fields.housing.indicators).toEqual([
      // 150.3 - 120.1 rounded to three decimals; the current name wins
      { key: 'homes-built', name: 'Homes built', unit: 'homes', previousActual: 120.1, actual: 150.3, change: 30.2 },
      { key: 'social-rent', name: 'Social rent', unit: '%', previousActual: null, actual: 3, change: null },
      { key: 'waiting-days', name: 'Waiting time', unit: 'days', previousActual: 80, actual: 55, change: -25 },
    ]);
    expect(fields.health.indicators).toEqual([{ key: 'clinics', name: 'Clinics', unit: 'clinics', previousActual: 4, actual: null, change: null }]);
    expect(fields.arts.indicators).toEqual([{ key: 'venues', name: 'Venues', unit: 'venues', previousActual: 1.5, actual: null, change: null }]);
    expect(fields.education.indicators).toEqual([
      { key: 'school-places', name: 'School places', unit: 'places', previousActual: null, actual: 12, change: null },
    ]);
  });

  it('gives coverage before and after, "absent" where a group was not part of a report', () => {
    const fields = compareReports(previousReport(), currentCompiler().result()).fields;
    expect(fields.map((f) => [f.groupKey, f.coverage.previous, f.coverage.current])).toEqual([
      ['arts', 'late', 'absent'],
      ['education', 'absent', 'on-time'],
      ['health', 'on-time', 'missing'],
      ['housing', 'on-time', 'late'],
    ]);
  });

  it('is what result(previous) attaches to the report', () => {
    const prev = previousReport();
    const r = currentCompiler().result(prev);
    expect(r.changeSincePrevious).not.toBeNull();
    expect(r.changeSincePrevious!.previousCycleId).toBe('c-2023');
    expect(r.changeSincePrevious!.coverage).toEqual({ onTime: -1, late: 0, missing: 1 });
    expect(r.changeSincePrevious!.measuresImplemented).toBe(2);
    expect(r.changeSincePrevious!.fields.map((f) => f.groupKey)).toEqual(['arts', 'education', 'health', 'housing']);
    expect(currentCompiler().result(null).changeSincePrevious).toBeNull();
  });

  it('gives zero deltas when a report is compared with itself', () => {
    const r = currentCompiler().result();
    const change = compareReports(r, r);
    expect(change.coverage).toEqual({ onTime: 0, late: 0, missing: 0 });
    expect(change.measuresImplemented).toBe(0);
    expect(change.indicatorsAchieved).toBe(0);
    for (const f of change.fields) {
      expect(f.measuresByStatus).toEqual(emptyStatusCounts());
      expect(f.coverage.previous).toBe(f.coverage.current);
      for (const i of f.indicators) expect(i.change).toBe(0);
    }
  });
});
