import type { Questionnaire } from '@pact/domain';
import { join } from 'node:path';
import { questionnaireForm } from '../forms/questionnaire-form';
import { loadPageCatalogs } from '../i18n/page-catalogs';
import { Translator } from '../i18n/translator';
import { questionnaireView } from './questionnaire-view';

const de = new Translator(loadPageCatalogs(join(__dirname, '..', '..', '..', '..', '..', 'locales')), 'de', 'UTC').t;
const text = (en: string, deText: string) => ({ en, de: deText });

/** Two sections: a yes/no, and a group of one text question shown only after a yes. */
const q: Questionnaire = {
  key: 'small',
  version: 1,
  name: text('Small', 'Klein'),
  sections: [
    {
      key: 'a',
      title: text('First', 'Erster'),
      intro: text('Read me', 'Lies mich'),
      questions: [{ key: 'go', type: 'yesNo', required: true, label: text('Go?', 'Los?') }],
    },
    {
      key: 'b',
      title: text('Second', 'Zweiter'),
      questions: [
        {
          key: 'rows',
          type: 'group',
          required: false,
          maxItems: 2,
          showWhen: { question: 'go', equals: true },
          label: text('Rows', 'Zeilen'),
          questions: [{ key: 'name', type: 'text', length: 'short', maxLength: 20, required: true, label: text('Name', 'Name') }],
        },
      ],
    },
  ],
};

describe('questionnaireView', () => {
  it('every section in the reader’s language, a section with nothing shown yet empty', () => {
    const view = questionnaireView(questionnaireForm(q, {}), de);
    expect(view).toMatchObject([
      { key: 'a', title: 'Erster', intro: 'Lies mich', items: [{ kind: 'field', view: { partial: 'radios', field: { legend: 'Los?' } } }] },
      { key: 'b', title: 'Zweiter', items: [] },
    ]);
  });

  it('a group as numbered rows of fields: those answered and one blank, up to its most', () => {
    const one = questionnaireView(questionnaireForm(q, { go: true, rows: [{ name: 'A' }] }), de)[1].items[0];
    expect(one).toMatchObject({
      kind: 'group',
      id: 'rows',
      legend: 'Zeilen',
      rows: [
        { n: 1, fields: [{ partial: 'text-input', field: { name: 'rows-0-name', value: 'A' } }] },
        { n: 2, fields: [{ field: { name: 'rows-1-name', value: '' } }] },
      ],
    });
    const full = questionnaireView(questionnaireForm(q, { go: true, rows: [{ name: 'A' }, { name: 'B' }] }), de)[1].items[0];
    expect(full).toMatchObject({ rows: [{ n: 1 }, { n: 2 }] });
    expect((full as { rows: unknown[] }).rows).toHaveLength(2);
  });
});
