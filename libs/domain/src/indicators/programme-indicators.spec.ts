import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Questionnaire } from '../questionnaires/questionnaire';
import { programmeIndicatorsProblems, type ProgrammeIndicators } from './programme-indicators';

const ROOT = join(__dirname, '..', '..', '..', '..');
const read = (...path: string[]) => parse(readFileSync(join(ROOT, 'config', ...path), 'utf8'));
const EN_DE_FR = { fallback: 'en', required: ['en', 'de', 'fr'] } as const;
const text = { en: 'x', de: 'x', fr: 'x' };
const entry = (code: string, more: Record<string, unknown> = {}) => ({
  code,
  name: text,
  definition: text,
  unit: text,
  polarity: 'none',
  source: text,
  ...more,
});

describe('programmeIndicatorsProblems', () => {
  it('accepts a catalogue with unique codes, every text in each required language and a known polarity', () => {
    expect(programmeIndicatorsProblems({ programme: 'pact', indicators: [entry('education.a'), entry('b')] }, EN_DE_FR)).toEqual([]);
  });

  it('names each problem by its place and code', () => {
    const problems = programmeIndicatorsProblems(
      {
        programme: 'Pact!',
        indicators: [
          entry('education.a'),
          entry('education.a'),
          entry('a:b'),
          entry('c', { polarity: 'up' }),
          entry('d', { unit: { en: '%' } }),
          entry('e', { definition: undefined }),
          'nonsense',
        ],
      },
      EN_DE_FR,
    );
    expect(problems).toEqual([
      'programme: must be a programme key (a-z, 0-9, -)',
      'indicators[1] (education.a).code: education.a is in the catalogue twice',
      "indicators[2].code: must be a code (a-z, 0-9, '.', '-', '_'; no ':')",
      'indicators[3] (c).polarity: must be one of higher-is-better, lower-is-better, none',
      'indicators[4] (d).unit: the de text is missing (the configuration requires en, de, fr)',
      'indicators[4] (d).unit: the fr text is missing (the configuration requires en, de, fr)',
      'indicators[5] (e).definition: must be a text, or one text per language ({ en: …, de: …, fr: … })',
      'indicators[6]: must be an indicator (code, name, definition, unit, polarity, source)',
    ]);
  });

  it('refuses a catalogue without indicators', () => {
    expect(programmeIndicatorsProblems({ programme: 'pact', indicators: [] }, EN_DE_FR)).toEqual(['indicators: must list at least one indicator']);
    expect(programmeIndicatorsProblems(null, EN_DE_FR)).toEqual(['must be an indicator catalogue (programme, indicators)']);
  });
});

describe('the shipped catalogues', () => {
  it("the Pact's: every predefined indicator of config/programmes/pact.yaml as <group>.<key>, with its polarity", () => {
    const catalog = read('programmes', 'pact.indicators.yaml') as ProgrammeIndicators;
    expect(programmeIndicatorsProblems(catalog, EN_DE_FR)).toEqual([]);
    const pact = read('programmes', 'pact.yaml') as {
      templates: { indicatorsByGroup: Record<string, { key: string; higherIsBetter?: boolean; unit: unknown }[]> }[];
    };
    const predefined = new Map(
      pact.templates.flatMap((t) =>
        Object.entries(t.indicatorsByGroup ?? {}).flatMap(([group, list]) => list.map((i) => [`${group}.${i.key}` as string, i] as const)),
      ),
    );
    expect(catalog.indicators.map((i) => i.code).sort()).toEqual([...predefined.keys()].sort());
    for (const i of catalog.indicators) {
      expect(i.polarity).toBe(predefined.get(i.code)!.higherIsBetter === false ? 'lower-is-better' : 'higher-is-better');
      expect(i.unit).toEqual(predefined.get(i.code)!.unit);
    }
  });

  it("the Charter's: one per commitment (the questionnaire's rating questions), rated 1–3, higher is better", () => {
    const catalog = read('programmes', 'charter.indicators.yaml') as ProgrammeIndicators;
    expect(programmeIndicatorsProblems(catalog, EN_DE_FR)).toEqual([]);
    const questionnaire = read('programmes', 'charter.questionnaire.yaml') as Questionnaire;
    const ratings = questionnaire.sections.flatMap((s) => s.questions.filter((q) => q.type === 'rating'));
    expect(catalog.indicators.map((i) => i.code)).toEqual(ratings.map((q) => q.key));
    expect(catalog.indicators).toHaveLength(11);
    for (const i of catalog.indicators) {
      expect(i.polarity).toBe('higher-is-better');
      expect(i.unit).toEqual({ en: 'rating 1–3', de: 'Bewertung 1–3', fr: 'note de 1 à 3' });
      expect(i.name).toEqual(ratings.find((q) => q.key === i.code)!.label);
    }
  });
});
