import { join } from 'node:path';
import { DEFAULT_LIMITS, draftProblems, emptyDraft, MEASURE_STATUSES, ReportDraft, ReportTemplate } from '@pact/domain';
import { loadPageCatalogs } from '../i18n/page-catalogs';
import { Translator } from '../i18n/translator';
import { applyRowAction, checkReport, readAction, readReportForm, reportForm, reportFormView } from './report-form';

const template = (over: Partial<ReportTemplate> = {}): ReportTemplate => ({
  key: 't',
  name: 'T',
  measureStatuses: MEASURE_STATUSES,
  indicatorsByGroup: { education: [{ key: 'early-school-leavers', name: 'Early school leavers', unit: '%', higherIsBetter: false }] },
  allowCustomIndicators: true,
  limits: { ...DEFAULT_LIMITS, maxMeasures: 2, maxTextLength: 100 },
  ...over,
});

const catalogs = loadPageCatalogs(join(__dirname, '..', '..', '..', '..', '..', 'locales'));
const en = new Translator(catalogs, 'en', 'UTC').t;
const de = new Translator(catalogs, 'de', 'UTC').t;

/** The errors the form shows for a draft's check: the API's problems, at the fields the draft's answers came from. */
async function errorsOf(draft: ReportDraft, t = en) {
  const check = await checkReport(draft, template(), 'education');
  return reportForm(template(), 'education', draft).model.errors(check.problems, t, check.draftPathOf);
}

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
    expect((await checkReport(draft, template(), 'education')).content).toBeUndefined();
    expect(await errorsOf(draft)).toEqual([
      { field: 'measures-0-title', message: 'Enter the title of measure 1' },
      { field: 'measures-1-status', message: 'Choose the status of measure 2' },
      { field: 'indicator-early-school-leavers-target', message: 'Enter the target of Early school leavers' },
      { field: 'indicator-early-school-leavers-actual', message: 'Enter the actual value of Early school leavers as a number, like 12.5' },
      { field: 'goodPractices-0', message: 'Shorten good practice 1 to 4,000 characters or fewer' },
    ]);
    // The same rules in German: the field named in the case the sentence takes.
    expect((await errorsOf(draft, de)).slice(0, 3).map((e) => e.message)).toEqual([
      'Geben Sie den Titel von Maßnahme 1 ein',
      'Wählen Sie den Stand von Maßnahme 2',
      'Geben Sie den Zielwert von „Early school leavers“ ein',
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
    expect(await errorsOf(draft)).toEqual([
      { field: 'custom-0-name', message: 'Enter the name of your indicator 1' },
      { field: 'custom-2-name', message: 'Change the name of your indicator 3: an earlier answer is the same, and each must be different' },
      { field: 'measures-0-description', message: 'Shorten the description of measure 1 to 100 characters or fewer' },
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

  it('says a draft’s own bounds beside their fields (a predefined indicator’s value by its key), and a list’s at its fieldset', () => {
    const m = { title: 't', status: '', description: '' };
    const draft = {
      ...emptyDraft(),
      measures: [m, m, m],
      predefinedIndicators: [{ key: 'early-school-leavers', baseline: '', target: '9'.repeat(20_001), actual: '' }],
    };
    expect(reportForm(template(), 'education', draft).model.errors(draftProblems(draft, template(), 'education'), en)).toEqual([
      { field: 'measures', message: 'Enter at most 2 measures' },
      { field: 'indicator-early-school-leavers-target', message: 'Shorten the target of Early school leavers to 20,000 characters or fewer' },
    ]);
  });

  it('builds its fields from the template: one per input, each with its posted name, its value as typed and its type’s partial', () => {
    const draft = { ...emptyDraft(), customIndicators: [{ key: 'reach', name: 'Reach', unit: 'people', baseline: '1,5', target: '', actual: '' }] };
    const view = reportFormView(reportForm(template(), 'education', draft), en);
    expect(view.measures).toHaveLength(1);
    expect(view.measures[0].title).toEqual({
      partial: 'text-input',
      field: {
        id: 'measures-0-title',
        name: 'measures-0-title',
        label: 'Title',
        hint: 'Up to 500 characters.',
        value: '',
        width: undefined,
        labelClass: undefined,
      },
    });
    expect(view.measures[0].status.partial).toBe('select');
    expect(view.measures[0].status.field.options).toEqual([
      { value: '', label: 'Choose a status' },
      ...MEASURE_STATUSES.map((s) => ({ value: s, label: en(`measureStatus.${s}`), checked: false })),
    ]);
    expect(view.predefined.map((p) => p.values.map((v) => [v.partial, v.field.name, v.field.suffix]))).toEqual([
      [
        ['value-input', 'indicator-early-school-leavers-baseline', '%'],
        ['value-input', 'indicator-early-school-leavers-target', '%'],
        ['value-input', 'indicator-early-school-leavers-actual', '%'],
      ],
    ]);
    expect(view.custom[0].keyName).toBe('custom-0-key');
    expect(view.custom[0].values[0].field).toMatchObject({ name: 'custom-0-baseline', value: '1,5' });
    expect(view.textLists.map((l) => [l.key, l.items.map((i) => [i.partial, i.field.name, i.field.label])])).toEqual([
      ['goodPractices', [['textarea', 'goodPractices-0', 'Good practice 1']]],
      ['obstacles', [['textarea', 'obstacles-0', 'Obstacle 1']]],
      ['recommendations', [['textarea', 'recommendations-0', 'Recommendation 1']]],
    ]);
    expect(reportFormView(reportForm(template({ allowCustomIndicators: false }), 'education', draft), en).custom).toEqual([]);
  });

  it('reads back what it shows: a posted form of its own names is the draft it came from', () => {
    const draft = {
      ...emptyDraft(),
      measures: [{ title: 'Clubs', status: 'planned', description: 'd' }],
      predefinedIndicators: [{ key: 'early-school-leavers', baseline: '1', target: '2', actual: '3' }],
      customIndicators: [{ key: 'reach', name: 'Reach', unit: 'people', baseline: '1', target: '2', actual: '3' }],
      goodPractices: ['g'],
      obstacles: ['o'],
      recommendations: ['r'],
    };
    const form = reportForm(template(), 'education', draft);
    const posted = { ...form.model.read({}), ...form.values, 'custom-0-key': 'reach' };
    expect(readReportForm(posted, template(), 'education')).toEqual(draft);
  });
});
