import { join } from 'node:path';
import { loadPageCatalogs } from '../i18n/page-catalogs';
import { Translator } from '../i18n/translator';
import { FormModel } from './form-model';

const catalogs = loadPageCatalogs(join(__dirname, '..', '..', '..', '..', '..', 'locales'));
const en = new Translator(catalogs, 'en', 'UTC').t;
const de = new Translator(catalogs, 'de', 'UTC').t;
const fr = new Translator(catalogs, 'fr', 'UTC').t;

const named = (text: string) => ({ key: 'questionnaireForm.named.question', params: { text: { en: text, de: text, fr: text } } });
const label = (text: string) => ({ key: 'forms.text', params: { text: { en: text, de: `${text} (de)`, fr: `${text} (fr)` } } });

/** A form of the questionnaire's field types, as questionnaireForm builds them. */
const form = new FormModel([
  {
    type: 'rating',
    name: 'welcome',
    path: 'answers.welcome',
    label: label('Welcome'),
    named: named('Welcome'),
    levels: [
      { key: 'fully', label: { en: 'Fully', fr: 'Pleinement' } },
      { key: 'not-yet', label: { en: 'Not yet', fr: 'Pas encore' } },
    ],
  },
  { type: 'yesNo', name: 'take-part', path: 'answers.take-part', label: label('Take part?'), named: named('Take part?') },
  { type: 'links', name: 'proof', path: 'answers.proof.links', also: ['answers.proof'], label: label('Evidence'), named: named('Evidence'), max: 5 },
  { type: 'indicator', name: 'reach', path: 'answers.reach', label: label('Reach'), named: named('Reach'), unit: { en: 'people', fr: 'personnes' } },
  { type: 'number', name: 'staff', path: 'answers.staff', label: label('Staff'), named: named('Staff') },
]);

const word = (path: string, rule: string, params: Record<string, number> = {}, t = en) => form.errors([{ path, message: 'said', rule, params }], t)[0];

describe('the questionnaire’s field types', () => {
  it('rating: radios of its levels in the reader’s language; missing or unknown, choose one', () => {
    const view = form.view({ welcome: 'not-yet' }, fr).welcome;
    expect(view).toMatchObject({
      partial: 'radios',
      field: {
        id: 'welcome',
        legend: 'Welcome (fr)',
        value: 'not-yet',
        options: [
          { value: 'fully', label: 'Pleinement' },
          { value: 'not-yet', label: 'Pas encore' },
        ],
      },
    });
    expect(word('answers.welcome', 'required')).toEqual({ field: 'welcome', message: 'Choose an answer to “Welcome”' });
    expect(word('answers.welcome', 'level-unknown', {}, fr).message).toBe('Choisissez une réponse à « Welcome »');
  });

  it('yes/no: two radios posted as yes or no', () => {
    expect(form.read({ 'take-part': 'yes' })['take-part']).toBe('yes');
    expect(form.view({ 'take-part': 'no' }, de)['take-part']).toMatchObject({
      partial: 'radios',
      field: {
        value: 'no',
        options: [
          { value: 'yes', label: 'Ja' },
          { value: 'no', label: 'Nein' },
        ],
      },
    });
    expect(word('answers.take-part', 'not-yes-no').message).toBe('Choose an answer to “Take part?”');
  });

  it('links: a text area of addresses, one per line; a link that is no web address, too many, too long, twice', () => {
    expect(form.view({ proof: 'https://a.example' }, en).proof).toMatchObject({
      partial: 'textarea',
      field: { id: 'proof', value: 'https://a.example', hint: 'One web address per line, at most 5.' },
    });
    expect(word('answers.proof.links[1]', 'not-a-url')).toEqual({
      field: 'proof',
      message: 'Enter each link in an answer to “Evidence” as a web address starting with https:// or http://, one per line',
    });
    expect(word('answers.proof.links', 'too-many', { max: 5 }).message).toBe('Enter at most 5 links in an answer to “Evidence”');
    expect(word('answers.proof.links[0]', 'too-long', { max: 2000 }).message).toBe('Shorten an answer to “Evidence” to 2,000 characters or fewer');
    expect(word('answers.proof.links[2]', 'duplicate').message).toBe(
      'Change an answer to “Evidence”: an earlier answer is the same, and each must be different',
    );
    expect(word('answers.proof', 'wrong-shape').message).toBe('Check an answer to “Evidence”: it cannot be accepted as it is');
  });

  it('indicator: baseline, target and actual in one fieldset; a problem of a part names the part', () => {
    expect(form.read({ 'reach-baseline': '10', 'reach-target': '20,5', 'reach-actual': ['', 'x'] }).reach).toEqual(['10', '20,5', '']);
    const view = form.view({ reach: ['10', '20,5', ''] }, fr).reach;
    expect(view).toMatchObject({
      partial: 'indicator-values',
      field: {
        id: 'reach',
        legend: 'Reach (fr)',
        parts: [
          { id: 'reach', name: 'reach-baseline', label: 'Valeur de référence', value: '10', suffix: 'personnes' },
          { id: 'reach-target', name: 'reach-target', label: 'Valeur cible', value: '20,5' },
          { id: 'reach-actual', name: 'reach-actual', label: 'Valeur réalisée', value: '' },
        ],
      },
    });
    expect(word('answers.reach.target', 'required')).toEqual({ field: 'reach', message: 'Enter the target in an answer to “Reach”' });
    expect(word('answers.reach.actual', 'not-a-number', {}, de).message).toBe('Geben Sie den Istwert in eine Antwort auf „Reach“ als Zahl (etwa 12,5) ein');
    expect(word('answers.reach', 'not-a-number').message).toBe('Enter the values in an answer to “Reach” as a number, like 12.5');
  });

  it('number: a value outside its bounds names them', () => {
    expect(word('answers.staff', 'below-min', { min: 0, max: 120 }).message).toBe('Enter an answer to “Staff” as a number from 0 to 120');
    expect(word('answers.staff', 'below-min', { min: 1 }).message).toBe('Enter an answer to “Staff” as a number of at least 1');
    expect(word('answers.staff', 'above-max', { max: 9 }, fr).message).toBe('Saisissez une réponse à « Staff » sous forme de nombre d’au plus 9');
    expect(word('answers.staff', 'not-whole').message).toBe('Enter an answer to “Staff” as a number, like 12.5');
  });
});
