import { DEFAULT_LIMITS, emptyDraft, MEASURE_STATUSES, ReportTemplate } from '@pact/domain';
import { formErrors } from '../form-errors';
import { applyRowAction, checkReport, readAction, readReportForm, sayReportProblem } from './report-form';

const template = (over: Partial<ReportTemplate> = {}): ReportTemplate => ({
  key: 't',
  name: 'T',
  measureStatuses: MEASURE_STATUSES,
  indicatorsByGroup: { education: [{ key: 'early-school-leavers', name: 'Early school leavers', unit: '%', higherIsBetter: false }] },
  allowCustomIndicators: true,
  limits: { ...DEFAULT_LIMITS, maxMeasures: 2, maxTextLength: 100 },
  ...over,
});

/** Texts as keys with their parameters, so the test reads what the page would say. */
const t = (key: string, params: Record<string, unknown> = {}) => `${key}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`;

describe('the report form', () => {
  it('reads a posted form into a draft: only the template’s fields, rows in order, gaps closed', () => {
    const draft = readReportForm(
      {
        'measures-0-title': 'Mentoring',
        'measures-0-status': 'planned',
        'measures-5-title': 'Clubs',
        'measures-2-description': 'why',
        'indicator-early-school-leavers-baseline': '14,2',
        'indicator-turnout-baseline': '3',
        'custom-0-name': 'Reach',
        'custom-0-key': 'BAD KEY',
        'goodPractices-1': 'Second',
        'goodPractices-0': 'First',
        'obstacles-99999-x': 'ignored',
        $where: 'ignored',
      },
      template(),
      'education',
    );
    expect(draft.measures).toEqual([
      { title: 'Mentoring', status: 'planned', description: '' },
      { title: '', status: '', description: 'why' },
      { title: 'Clubs', status: '', description: '' },
    ]);
    expect(draft.predefinedIndicators).toEqual([{ key: 'early-school-leavers', baseline: '14,2', target: '', actual: '' }]);
    expect(draft.customIndicators).toEqual([{ key: '', name: 'Reach', unit: '', baseline: '', target: '', actual: '' }]);
    expect(draft.goodPractices).toEqual(['First', 'Second']);
    expect(draft.obstacles).toEqual([]);
    expect(readReportForm({ 'custom-0-name': 'Reach' }, template({ allowCustomIndicators: false }), 'education').customIndicators).toEqual([]);
  });

  it('knows which button was pressed; anything unknown saves', () => {
    expect(readAction('continue')).toEqual({ kind: 'continue' });
    expect(readAction('add-measures')).toEqual({ kind: 'add', list: 'measures' });
    expect(readAction('remove-obstacles-2')).toEqual({ kind: 'remove', list: 'obstacles', row: 2 });
    expect(readAction('remove-measures')).toEqual({ kind: 'save' });
    expect(readAction(['continue', 'save'])).toEqual({ kind: 'continue' });
    expect(readAction('drop-table')).toEqual({ kind: 'save' });
    expect(readAction(undefined)).toEqual({ kind: 'save' });
  });

  it('adds a row after the ones shown (a list shows one blank row when empty), up to the template’s limit, and removes one', () => {
    const d = { ...emptyDraft(), measures: [{ title: 'A', status: '', description: '' }] };
    const added = applyRowAction(d, { kind: 'add', list: 'measures' }, template(), 'education');
    expect(added.draft.measures).toHaveLength(2);
    expect(added.focus).toBe('measures-1-title');
    const full = applyRowAction(added.draft, { kind: 'add', list: 'measures' }, template(), 'education');
    expect(full.draft.measures).toHaveLength(2);
    expect(full.focus).toBe('measures');
    const text = applyRowAction(emptyDraft(), { kind: 'add', list: 'obstacles' }, template(), 'education');
    expect(text.draft.obstacles).toEqual(['', '']);
    expect(text.focus).toBe('obstacles-1');
    const custom = applyRowAction(emptyDraft(), { kind: 'add', list: 'custom' }, template(), 'education');
    expect(custom.draft.customIndicators).toHaveLength(1);
    expect(custom.focus).toBe('custom-0-name');
    const removed = applyRowAction(added.draft, { kind: 'remove', list: 'measures', row: 0 }, template(), 'education');
    expect(removed.draft.measures).toEqual([{ title: '', status: '', description: '' }]);
    expect(removed.focus).toBe('measures');
    expect(d.measures).toHaveLength(1);
  });

  it('checks a draft with the API’s rules and says each problem beside its field, in the reader’s words', async () => {
    const draft = {
      ...emptyDraft(),
      measures: [
        { title: '', status: 'planned', description: '' },
        { title: 'Clubs', status: '', description: 'x'.repeat(101) },
      ],
      predefinedIndicators: [{ key: 'early-school-leavers', baseline: '14', target: '', actual: 'lots' }],
      customIndicators: [{ key: '', name: '', unit: 'people', baseline: '1', target: '2', actual: '3' }],
      goodPractices: ['y'.repeat(4001)],
    };
    const check = await checkReport(draft, template(), 'education');
    expect(check.content).toBeUndefined();
    const errors = formErrors(
      check.problems,
      (p, field) => sayReportProblem(p, field, { t, template: template(), groupKey: 'education', draft }),
      check.fieldOf,
    );
    expect(errors).toEqual([
      { field: 'measures-0-title', message: 'reportForm.error.measureTitleMissing {"n":1}' },
      { field: 'measures-1-status', message: 'reportForm.error.measureStatus {"n":2}' },
      { field: 'indicator-early-school-leavers-target', message: 'reportForm.error.valueMissing.target {"indicator":"Early school leavers"}' },
      { field: 'indicator-early-school-leavers-actual', message: 'reportForm.error.valueNotNumber.actual {"indicator":"Early school leavers"}' },
      { field: 'goodPractices-0', message: 'reportForm.error.textTooLong.goodPractices {"n":1,"max":4000}' },
    ]);
  });

  it('then the template’s rules, once the API’s types hold', async () => {
    const draft = {
      ...emptyDraft(),
      measures: [{ title: 'Clubs', status: 'planned', description: 'x'.repeat(101) }],
      customIndicators: [
        { key: '', name: '', unit: 'people', baseline: '1', target: '2', actual: '3' },
        { key: '', name: 'Reach', unit: 'people', baseline: '1', target: '2', actual: '3' },
        { key: '', name: 'reach', unit: 'people', baseline: '1', target: '2', actual: '3' },
      ],
    };
    const check = await checkReport(draft, template(), 'education');
    const errors = formErrors(
      check.problems,
      (p, field) => sayReportProblem(p, field, { t, template: template(), groupKey: 'education', draft }),
      check.fieldOf,
    );
    expect(errors).toEqual([
      { field: 'custom-0-name', message: 'reportForm.error.customNameMissing {"n":1}' },
      { field: 'custom-2-name', message: 'reportForm.error.customTwice {"indicator":"reach"}' },
      { field: 'measures-0-description', message: 'reportForm.error.measureDescriptionTooLong {"n":1,"max":100}' },
    ]);
  });

  it('a complete draft is exactly what the API accepts', async () => {
    const draft = {
      ...emptyDraft(),
      measures: [
        { title: ' Clubs ', status: 'planned', description: '' },
        { title: '', status: '', description: '' },
      ],
      predefinedIndicators: [{ key: 'early-school-leavers', baseline: '14,2', target: '10', actual: '12' }],
      recommendations: ['Pool budgets', ''],
    };
    const check = await checkReport(draft, template(), 'education');
    expect(check.problems).toEqual([]);
    expect(check.content).toEqual({
      measures: [{ title: 'Clubs', status: 'planned' }],
      indicators: [{ key: 'early-school-leavers', baseline: 14.2, target: 10, actual: 12 }],
      goodPractices: [],
      obstacles: [],
      recommendations: ['Pool budgets'],
    });
  });
});
