import { changedQuestions } from './answer-changes';
import type { Questionnaire } from './questionnaire';

const levels = [
  { key: 'fully', score: 3, label: { en: 'Fully' } },
  { key: 'partly', score: 2, label: { en: 'Partly' } },
];
const Q: Questionnaire = {
  key: 'q',
  version: 1,
  name: { en: 'Q' },
  sections: [
    { key: 's1', title: { en: 'S1' }, questions: [{ key: 'take-part', type: 'yesNo', required: true, label: { en: 'Take part?' } }] },
    {
      key: 's2',
      title: { en: 'S2' },
      questions: [
        { key: 'a', type: 'rating', required: true, label: { en: 'A' }, levels },
        { key: 'a-measures', type: 'text', length: 'long', maxLength: 100, required: false, label: { en: 'Measures' } },
        { key: 'b', type: 'rating', required: true, label: { en: 'B' }, levels },
        {
          key: 'rows',
          type: 'group',
          maxItems: 3,
          required: false,
          label: { en: 'Rows' },
          questions: [{ key: 'values', type: 'indicator', required: false, label: { en: 'Values' } }],
        },
      ],
    },
  ],
} as unknown as Questionnaire;

const keys = (prev: Record<string, unknown> | null, cur: Record<string, unknown>) => changedQuestions(Q, prev, cur).map((q) => q.key);

describe('changedQuestions', () => {
  it('names the questions whose answers differ, in the questionnaire order', () => {
    const before = { 'take-part': true, a: 'partly', 'a-measures': 'Posters', b: 'fully' };
    expect(keys(before, { ...before, b: 'partly', a: 'fully' })).toEqual(['a', 'b']);
    expect(keys(before, { ...before, 'a-measures': 'Posters and a campaign' })).toEqual(['a-measures']);
  });

  it('finds nothing changed when the answers are the same, whatever their order or blank parts', () => {
    const before = { rows: [{ values: { baseline: 1, target: 3 } }], a: 'fully' };
    expect(keys(before, { a: 'fully', rows: [{ values: { target: 3, baseline: 1, actual: undefined } }], 'a-measures': '  ' })).toEqual([]);
  });

  it('counts an answer dropped (declining after taking part) and a changed row of a group', () => {
    expect(keys({ 'take-part': true, a: 'fully' }, { 'take-part': false })).toEqual(['take-part', 'a']);
    expect(keys({ rows: [{ values: { baseline: 1 } }] }, { rows: [{ values: { baseline: 2 } }] })).toEqual(['rows']);
  });

  it('compares the first revision with nothing: every question it answers', () => {
    expect(keys(null, { 'take-part': false })).toEqual(['take-part']);
  });
});
