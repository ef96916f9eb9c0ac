import { join } from 'node:path';
import { loadPageCatalogs } from '../i18n/page-catalogs';
import { Translator } from '../i18n/translator';
import { FormModel } from './form-model';

const catalogs = loadPageCatalogs(join(__dirname, '..', '..', '..', '..', '..', 'locales'));
const en = new Translator(catalogs, 'en', 'UTC').t;
const fr = new Translator(catalogs, 'fr', 'UTC').t;

/** A small form of every field type, labelled with texts the catalogs hold. */
const form = new FormModel([
  { type: 'list', name: 'measures', path: 'measures', label: { key: 'reportForm.measures' }, named: { key: 'reportForm.named.list.measures' }, max: 5 },
  {
    type: 'text',
    name: 'measures-0-title',
    path: 'measures[0].title',
    label: { key: 'reportForm.measureTitle' },
    named: { key: 'reportForm.named.measureTitle', params: { n: 1 } },
    max: 200,
  },
  {
    type: 'text',
    name: 'key',
    path: 'milestones[0].key',
    label: { key: 'startCycle.milestoneKey' },
    named: { key: 'startCycle.named.key', params: { n: 1 } },
    expected: { key: 'startCycle.expected.key' },
  },
  {
    type: 'number',
    name: 'target',
    path: 'indicators.reach.target',
    also: ['indicators.reach'],
    label: { key: 'reportForm.target' },
    named: { key: 'reportForm.named.target', params: { indicator: { key: 'reportForm.customIndicatorN', params: { n: 2 } } } },
    unit: '%',
  },
  {
    type: 'number',
    whole: true,
    name: 'lengthMonths',
    path: 'lengthMonths',
    label: { key: 'startCycle.lengthMonths' },
    named: { key: 'startCycle.named.lengthMonths' },
    expected: { key: 'startCycle.expected.lengthMonths' },
  },
  { type: 'date', name: 'start', path: 'start', label: { key: 'startCycle.start' }, named: { key: 'startCycle.named.start' } },
  {
    type: 'choice',
    name: 'status',
    path: 'measures[0].status',
    label: { key: 'reportForm.measureStatus' },
    named: { key: 'reportForm.named.measureStatus', params: { n: 1 } },
    placeholder: { key: 'reportForm.chooseStatus' },
    options: [{ value: 'planned', label: { key: 'measureStatus.planned' } }],
  },
  {
    type: 'choice',
    multiple: true,
    name: 'groups',
    path: 'groups',
    label: { key: 'startCycle.groups' },
    named: { key: 'startCycle.named.groups' },
    options: [
      { value: 'education', label: { en: 'Education', de: 'Bildung' } },
      { value: 'housing', label: 'Housing' },
    ],
  },
]);

const word = (path: string, rule: string, params: Record<string, number | string> = {}, t = en) => {
  const p = { path, message: 'as the rule said it', rule, params };
  return form.errors([p], t)[0];
};

describe('the form model', () => {
  it('places a problem at the field of its path, else the nearest field above it, else the first', () => {
    expect(form.fieldAt('measures[0].title').name).toBe('measures-0-title');
    expect(form.fieldAt('indicators.reach').name).toBe('target');
    expect(form.fieldAt('measures[3].title').name).toBe('measures');
    expect(form.fieldAt('groups[4]').name).toBe('groups');
    expect(form.fieldAt('templateKey').name).toBe('measures');
  });

  it('text: required, too long, a character it may not hold, the same as another; else what a valid answer looks like', () => {
    expect(word('measures[0].title', 'isNotEmpty')).toEqual({ field: 'measures-0-title', message: 'Enter the title of measure 1' });
    expect(word('measures[0].title', 'minLength', { missing: 1 }).message).toBe('Enter the title of measure 1');
    expect(word('measures[0].title', 'maxLength').message).toBe('Shorten the title of measure 1 to 200 characters or fewer');
    expect(word('measures[0].title', 'too-long', { max: 20_000 }).message).toBe('Shorten the title of measure 1 to 20,000 characters or fewer');
    expect(word('measures[0].title', 'line-characters', { char: 'U+202E', position: 4 }).message).toBe(
      'Remove the character U+202E (at position 5) from the title of measure 1: texts cannot hold control characters or direction overrides',
    );
    expect(word('measures[0].title', 'indicator-twice').message).toBe(
      'Change the title of measure 1: an earlier answer is the same, and each must be different',
    );
    expect(word('measures[0].title', 'matches').message).toBe('Check the title of measure 1: it cannot be accepted as it is');
    expect(word('milestones[0].key', 'matches').message).toBe(
      'Enter the short key of milestone 1 as lowercase letters, digits and dashes, starting with a letter',
    );
  });

  it('number: required, else a number (of the range the field says); its label may name a label', () => {
    expect(word('indicators.reach.target', 'isNumber', { missing: 1 }).message).toBe('Enter the target of Your indicator 2');
    expect(word('indicators.reach.target', 'isNumber').message).toBe('Enter the target of Your indicator 2 as a number, like 12.5');
    expect(word('indicators.reach.target', 'isNumber', {}, fr).message).toBe('Saisissez la cible de « Votre indicateur 2 » sous forme de nombre, comme 12,5');
    expect(word('lengthMonths', 'max').message).toBe('Enter the length as a whole number of months, from 1 to 120');
  });

  it('date, choice and list: their own rules', () => {
    expect(word('start', 'isDayOrMoment').message).toBe('Enter the start date as a date, for example 2031-01-01');
    expect(word('start', 'isDayOrMoment', { missing: 1 }).message).toBe('Enter the start date');
    expect(word('measures[0].status', 'isIn').message).toBe('Choose the status of measure 1');
    expect(word('groups[1]', 'unknown').message).toBe('Choose at least one working group from the list');
    expect(word('measures', 'too-many', { max: 5 }).message).toBe('Enter at most 5 measures');
    expect(word('measures', 'arrayMaxSize').message).toBe('Enter at most 5 measures');
  });

  it('one error per field, the first found; a page may word rules about several fields itself', () => {
    const problems = [
      { path: 'measures[0].title', message: '', rule: 'isNotEmpty' },
      { path: 'measures[0].title', message: '', rule: 'maxLength' },
      { path: 'start', message: 'the plan', rule: 'plan' },
    ];
    expect(
      form.errors(
        problems,
        en,
        (p) => p,
        (p) => (p.rule === 'plan' ? 'The plan does not fit' : undefined),
      ),
    ).toEqual([
      { field: 'measures-0-title', message: 'Enter the title of measure 1' },
      { field: 'start', message: 'The plan does not fit' },
    ]);
  });

  it('reads each field’s posted value as typed, and builds each field’s view for its type’s partial', () => {
    const values = form.read({ 'measures-0-title': [' Clubs ', 'again'], target: '12,5', start: ' 2031-01-01 ', groups: 'housing', $where: 'x' });
    expect(values).toMatchObject({ 'measures-0-title': ' Clubs ', target: '12,5', start: '2031-01-01', groups: ['housing'], status: '', key: '' });
    expect(form.read({ groups: ['education', 7, 'housing'] }).groups).toEqual(['education', 'housing']);
    const view = form.view(values, en);
    expect(view['measures-0-title']).toMatchObject({ partial: 'text-input', field: { id: 'measures-0-title', label: 'Title', value: ' Clubs ' } });
    expect(view.target).toMatchObject({ partial: 'value-input', field: { name: 'target', label: 'Target', suffix: '%' } });
    expect(view.lengthMonths).toMatchObject({ partial: 'text-input', field: { inputmode: 'numeric', width: 'short' } });
    expect(view.start).toMatchObject({ partial: 'text-input', field: { type: 'date', value: '2031-01-01' } });
    expect(view.status).toMatchObject({
      partial: 'select',
      field: {
        options: [
          { value: '', label: 'Choose a status' },
          { value: 'planned', label: 'Planned' },
        ],
      },
    });
    expect(view.groups).toMatchObject({
      partial: 'checkboxes',
      field: {
        legend: 'Working groups taking part',
        options: [
          { value: 'education', label: { en: 'Education', de: 'Bildung' }, checked: false },
          { value: 'housing', label: 'Housing', checked: true },
        ],
      },
    });
  });
});
