import { answerProblems, Questionnaire } from '@pact/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadPageCatalogs } from '../i18n/page-catalogs';
import { Translator } from '../i18n/translator';
import { questionnaireForm, readQuestionnaireAnswers } from './questionnaire-form';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const catalogs = loadPageCatalogs(join(ROOT, 'locales'));
const en = new Translator(catalogs, 'en', 'UTC').t;
const fr = new Translator(catalogs, 'fr', 'UTC').t;
const charter = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8')) as Questionnaire;
const FIRST = 'communicate-equal-opportunities';

const COMMITMENT = 'for “Actively communicate our commitment to equal opportunities for everyone living in the city”';

describe('questionnaireForm', () => {
  it('holds only the questions the answers so far show: at first, whether the city takes part', () => {
    const form = questionnaireForm(charter, {});
    expect(form.model.fields.map((f) => f.name)).toEqual(['take-part']);
    expect(form.sections.map((s) => s.items.length)).toEqual(charter.sections.map((s, i) => (i === 0 ? 1 : 0)));
    expect(form.model.view(form.values, fr)['take-part']).toMatchObject({
      partial: 'radios',
      field: { legend: 'Votre ville participe-t-elle à cette édition ?', value: '' },
    });
  });

  it('shows the commitments once the city takes part, and a commitment’s measures once it is rated', () => {
    const taking = questionnaireForm(charter, { 'take-part': true });
    expect(taking.values['take-part']).toBe('yes');
    expect(taking.model.field(FIRST)).toMatchObject({ type: 'rating', path: `answers.${FIRST}` });
    expect(taking.model.field(`${FIRST}-measures`)).toBeUndefined();
    expect(taking.model.field('decline-reason')).toBeUndefined();
    const rated = questionnaireForm(charter, { 'take-part': true, [FIRST]: 'partly' });
    expect(rated.model.field(`${FIRST}-measures`)).toMatchObject({ type: 'text', multiline: true, max: 4000 });
    expect(rated.model.field(`${FIRST}-evidence`)).toMatchObject({ type: 'links', path: `answers.${FIRST}-evidence.links`, max: 5 });
    // A group: its rows' fields, the answered ones and one blank to add.
    const group = rated.sections[1].items.find((i) => 'group' in i && i.group === `${FIRST}-indicators`);
    expect(group).toMatchObject({
      rows: [[`${FIRST}-indicators-0-name`, `${FIRST}-indicators-0-unit`, `${FIRST}-indicators-0-values`, `${FIRST}-indicators-0-higher-is-better`]],
    });
    expect(rated.model.field(`${FIRST}-indicators-0-values`)).toMatchObject({ type: 'indicator', path: `answers.${FIRST}-indicators[0].values` });
  });

  it('reads a post as answers of each type, dropping blanks and the answers of questions the post hides', () => {
    const body = {
      'take-part': 'yes',
      'decline-reason': 'hidden once taking part',
      [FIRST]: 'partly',
      [`${FIRST}-measures`]: 'Posters',
      [`${FIRST}-evidence`]: ' https://a.example \r\n\r\nnot a link',
      [`${FIRST}-indicators-0-name`]: 'Reach',
      [`${FIRST}-indicators-0-values-baseline`]: '1 200',
      [`${FIRST}-indicators-0-values-target`]: '12,5',
      [`${FIRST}-indicators-0-values-actual`]: 'x',
      [`${FIRST}-indicators-0-higher-is-better`]: 'no',
      [`${FIRST}-indicators-1-name`]: '',
      'good-practices-0-trends': ['mainstreaming', 'open-communication'],
    };
    const answers = readQuestionnaireAnswers(charter, body);
    expect(answers).toEqual({
      'take-part': true,
      [FIRST]: 'partly',
      [`${FIRST}-measures`]: 'Posters',
      [`${FIRST}-evidence`]: { links: ['https://a.example', 'not a link'], files: [] },
      [`${FIRST}-indicators`]: [{ name: 'Reach', values: { baseline: 1200, target: 12.5, actual: 'x' }, 'higher-is-better': false }],
      'good-practices': [{ trends: ['mainstreaming', 'open-communication'] }],
    });
    expect(readQuestionnaireAnswers(charter, { ...body, 'take-part': 'no' })).toEqual({ 'take-part': false, 'decline-reason': 'hidden once taking part' });
  });

  it('tells the same follow-up question of two commitments apart in its messages', () => {
    const answers = readQuestionnaireAnswers(charter, { 'take-part': 'yes', [FIRST]: 'partly', 'equal-access-non-discrimination': 'fully' });
    const errors = questionnaireForm(charter, answers).model.errors(answerProblems(charter, answers), en);
    const measures = errors.filter((e) => e.field.endsWith('-measures')).map((e) => e.message);
    expect(measures).toEqual([
      `Enter an answer to “Describe the measures your city has taken” ${COMMITMENT}`,
      'Enter an answer to “Describe the measures your city has taken” for “Ensure equal access and non-discrimination across all our policies”',
    ]);
  });

  it('words the answers’ problems beside their fields, and shows the answers back as typed', () => {
    const answers = readQuestionnaireAnswers(charter, {
      'take-part': 'yes',
      [FIRST]: 'partly',
      [`${FIRST}-evidence`]: 'not a link',
      [`${FIRST}-indicators-0-name`]: 'Reach',
      [`${FIRST}-indicators-0-values-target`]: '12,5',
    });
    const form = questionnaireForm(charter, answers);
    const errors = form.model.errors(answerProblems(charter, answers), en);
    expect(errors).toEqual(
      expect.arrayContaining([
        // The commitment a follow-up question is about is named: the Charter asks the same "Describe the measures" under each.
        { field: `${FIRST}-measures`, message: `Enter an answer to “Describe the measures your city has taken” ${COMMITMENT}` },
        {
          field: `${FIRST}-evidence`,
          message: `Enter each link in an answer to “Evidence (links or documents)” ${COMMITMENT} as a web address starting with https:// or http://, one per line`,
        },
        { field: `${FIRST}-indicators-0-unit`, message: `Enter an answer to “Unit” (row 1 of “Indicators (optional)”) ${COMMITMENT}` },
        {
          field: `${FIRST}-indicators-0-values`,
          message: `Enter the baseline in an answer to “Baseline, target and actual value” (row 1 of “Indicators (optional)”) ${COMMITMENT}`,
        },
        { field: 'equal-access-non-discrimination', message: 'Choose an answer to “Ensure equal access and non-discrimination across all our policies”' },
      ]),
    );
    // Every error is beside a field the page shows.
    for (const e of errors) expect(form.model.field(e.field)).toBeDefined();
    expect(form.values[`${FIRST}-indicators-0-values`]).toEqual(['', '12.5', '']);
    expect(form.values[`${FIRST}-evidence`]).toBe('not a link');
    // The answered row and a blank one to add.
    expect(form.model.field(`${FIRST}-indicators-1-name`)).toBeDefined();
  });
});
