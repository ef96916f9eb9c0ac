import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Questionnaire } from '@pact/domain';
import { parse } from 'yaml';
import { answersCheckView } from './answers-view';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const charter = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8')) as Questionnaire;
const FIRST = 'communicate-equal-opportunities';

// A stand-in translator: configuration texts in English, catalog keys with their parameters.
const t = (key: string, params?: Record<string, unknown>): string => {
  const en = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, string>).en : String(v));
  if (key === 'forms.text') return en(params!.text);
  if (key === 'forms.yes') return 'Yes';
  if (key === 'forms.no') return 'No';
  return `${key}${
    params
      ? `(${Object.entries(params)
          .map(([k, v]) => `${k}=${en(v)}`)
          .join(', ')})`
      : ''
  }`;
};
const number = (n: number) => n.toFixed(1);

describe('answersCheckView', () => {
  it('a city that declines sees only its taking part (and its reason when given)', () => {
    const view = answersCheckView(charter, { 'take-part': false, 'decline-reason': 'No staff this year' }, t, number);
    expect(view).toEqual([
      {
        key: 'participation',
        title: 'Taking part',
        rows: [
          { label: 'Will your city take part in this round?', lines: ['No'], field: 'take-part' },
          { label: 'Why is your city not taking part this time?', lines: ['No staff this year'], field: 'decline-reason' },
        ],
      },
    ]);
  });

  it('lists every question shown with its answer in words, follow-ups with their commitment, blanks as not answered', () => {
    const view = answersCheckView(
      charter,
      {
        'take-part': true,
        [FIRST]: 'partly',
        [`${FIRST}-evidence`]: { links: ['https://lyon.example/plan', 'https://lyon.example/report'], files: [] },
        [`${FIRST}-indicators`]: [{ name: 'Reach', unit: 'people', values: { baseline: 1, target: 3 } }],
      },
      t,
      number,
    );
    const policy = view.find((s) => s.key === 'policy-makers')!;
    const rows = Object.fromEntries(policy.rows.map((r) => [r.field, r]));
    expect(rows[FIRST].lines).toEqual(['Partly']);
    expect(rows[`${FIRST}-measures`]).toMatchObject({
      label: 'Describe the measures your city has taken',
      about: 'Actively communicate our commitment to equal opportunities for everyone living in the city',
      lines: ['answersCheck.notAnswered'],
    });
    expect(rows[`${FIRST}-evidence`].lines).toEqual(['https://lyon.example/plan', 'https://lyon.example/report']);
    expect(rows[`${FIRST}-indicators`].lines).toEqual([
      'answersCheck.row(n=1, answers=Name: Reach; Unit: people; Baseline, target and actual value: checkAnswers.values(baseline=1.0, target=3.0, actual=–))',
    ]);
    // The next commitment is not rated yet: shown, not answered; its follow-ups are not shown.
    expect(rows['equal-access-non-discrimination'].lines).toEqual(['answersCheck.notAnswered']);
    expect(rows['equal-access-non-discrimination-measures']).toBeUndefined();
  });
});
