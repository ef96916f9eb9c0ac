import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { SubmissionContent } from '../submissions/submission-content';
import type { ProgrammeIndicators } from './programme-indicators';
import { observationsOfAnswers, observationsOfHistory, observationsOfReport, peersOf, periodOf, rankOf, seriesOf, type Provenance } from './observations';

const ROOT = join(__dirname, '..', '..', '..', '..');
const text = { en: 'x', de: 'x', fr: 'x' };
const ind = (code: string) => ({ code, name: text, definition: text, unit: text, polarity: 'higher-is-better' as const, source: text });
const pact: ProgrammeIndicators = {
  programme: 'pact',
  indicators: [ind('education.early-school-leavers'), ind('education.language-courses'), ind('sport.club-members')],
};
const CYCLE = '65f1a2b3c4d5e6f708192a3c';
const period = periodOf.milestone(CYCLE, 'final', new Date('2030-11-30T22:59:59Z'));
const provenance: Provenance = { kind: 'revision', taskId: 't1', revision: 2, submittedAt: new Date('2030-11-20T10:00:00Z') };
const content = (indicators: SubmissionContent['indicators']): SubmissionContent => ({
  measures: [],
  indicators,
  goodPractices: [],
  obstacles: [],
  recommendations: [],
});

describe('observationsOfReport', () => {
  it("makes one observation per catalogue indicator of the report's group: its actual value, or null when the report leaves it out", () => {
    const report = content([
      { key: 'early-school-leavers', baseline: 12, target: 8, actual: 9.5 },
      { key: 'own-indicator', name: 'Own', unit: 'x', baseline: 1, target: 2, actual: 3 },
    ]);
    expect(observationsOfReport(report, { catalog: pact, participant: 'education', period, provenance })).toEqual([
      { programme: 'pact', indicator: 'education.early-school-leavers', participant: 'education', period, value: 9.5, provenance },
      { programme: 'pact', indicator: 'education.language-courses', participant: 'education', period, value: null, provenance },
    ]);
  });

  it('makes none for a group without catalogue indicators', () => {
    expect(observationsOfReport(content([]), { catalog: pact, participant: 'security', period, provenance })).toEqual([]);
  });

  it('does not take another group whose key begins the same way for its own', () => {
    const catalog: ProgrammeIndicators = { programme: 'pact', indicators: [ind('sport.a'), ind('sport-clubs.a')] };
    expect(
      observationsOfReport(content([{ key: 'a', baseline: 0, target: 1, actual: 1 }]), { catalog, participant: 'sport', period, provenance }).map(
        (o) => o.indicator,
      ),
    ).toEqual(['sport.a']);
  });
});

describe('observationsOfAnswers (the Charter)', () => {
  const questionnaire = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8')) as Questionnaire;
  const charter = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.indicators.yaml'), 'utf8')) as ProgrammeIndicators;
  const year = periodOf.year(2015);
  const imported: Provenance = { kind: 'import', importedAt: new Date('2026-01-01T00:00:00Z') };

  it("a rating's level score per commitment; no value for not applicable, unanswered or hidden ones", () => {
    const answers = {
      'take-part': true,
      'communicate-equal-opportunities': 'fully',
      'equal-access-non-discrimination': 'partly',
      'migrant-engagement': 'not-yet',
      'equal-access-to-services': 'not-applicable',
      'communicate-equal-opportunities-indicators': [{ name: 'Campaigns', unit: 'campaigns', values: { baseline: 1, target: 3, actual: 2 } }],
    };
    const observations = observationsOfAnswers(questionnaire, answers, { catalog: charter, participant: 'ghent', period: year, provenance: imported });
    expect(observations).toHaveLength(11);
    expect(Object.fromEntries(observations.map((o) => [o.indicator, o.value]))).toEqual({
      'communicate-equal-opportunities': 3,
      'equal-access-non-discrimination': 2,
      'migrant-engagement': 1,
      'equal-access-to-services': null,
      'needs-understood-and-met': null,
      'diverse-workforce': null,
      'fair-treatment-of-staff': null,
      'staff-respect-diversity': null,
      ...Object.fromEntries(charter.indicators.slice(8).map((i) => [i.code, null])),
    });
    expect(observations.every((o) => o.programme === 'charter' && o.participant === 'ghent' && o.period === year && o.provenance === imported)).toBe(true);
  });

  it('an indicator question in the catalogue gives its actual value', () => {
    const q: Questionnaire = {
      key: 'q',
      version: 1,
      name: 'q',
      sections: [{ key: 's', title: 's', questions: [{ key: 'sport.club-members', type: 'indicator', required: true, label: 'x' }] }],
    };
    const source = { catalog: pact, participant: 'sport', period, provenance };
    expect(observationsOfAnswers(q, { 'sport.club-members': { baseline: 1, target: 5, actual: 4 } }, source).map((o) => o.value)).toEqual([4]);
    expect(observationsOfAnswers(q, {}, source).map((o) => o.value)).toEqual([null]);
  });
});

describe('observationsOfHistory (an imported cycle)', () => {
  const questionnaire = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8')) as Questionnaire;
  const charter = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.indicators.yaml'), 'utf8')) as ProgrammeIndicators;
  it("each city's rated commitments of the year, as imported; a text-only row or a commitment not in the file makes none", () => {
    const importedAt = new Date('2030-01-01T00:00:00Z');
    const observations = observationsOfHistory(
      questionnaire,
      {
        kind: 'historic',
        year: 2013,
        participations: [
          {
            participantKey: 'amsterdam',
            answers: [
              { questionKey: 'communicate-equal-opportunities', ratingKey: 'partly', text: '' },
              { questionKey: 'diverse-workforce', ratingKey: 'not-applicable', text: '' },
              { questionKey: 'migrant-engagement', ratingKey: null, text: 'Only a text' },
            ],
          },
          { participantKey: 'ghent', answers: [{ questionKey: 'migrant-engagement', ratingKey: 'fully', text: '' }] },
        ],
      },
      charter,
      importedAt,
      'committee:x',
    );
    expect(observations.map((o) => [o.participant, o.indicator, o.value, o.period.key])).toEqual([
      ['amsterdam', 'communicate-equal-opportunities', 2, '2013'],
      ['amsterdam', 'diverse-workforce', null, '2013'],
      ['ghent', 'migrant-engagement', 3, '2013'],
    ]);
    expect(observations[0].provenance).toEqual({ kind: 'import', importedAt, importedBy: 'committee:x' });
  });
});

describe('series and peers', () => {
  const at = (key: string, iso: string) => ({ key, at: new Date(iso) });
  it("a participant's series: periods with a value, oldest first", () => {
    const v = (key: string, iso: string, value: number | null) => ({ period: at(key, iso), value, provenance });
    expect(
      seriesOf([v('c', '2031-01-01', 3), v('2013', '2013-01-01', 1), v('b', '2020-01-01', null), v('a', '2020-01-01', 2)]).map((p) => p.period.key),
    ).toEqual(['2013', 'a', 'c']);
  });

  it("the peers' values of one period by participant, and their median", () => {
    const p = (participant: string, value: number | null) => ({ participant, value, provenance });
    expect(peersOf([p('lyon', 2), p('berlin', 3), p('athens', null), p('bristol', 1)])).toEqual({
      values: [p('berlin', 3), p('bristol', 1), p('lyon', 2)],
      median: 2,
    });
    expect(peersOf([p('a', 1), p('b', 4)]).median).toBe(2.5);
    expect(peersOf([p('a', null)])).toEqual({ values: [], median: null });
  });

  it('a later revision outranks an earlier one and any import', () => {
    expect(rankOf({ ...provenance, revision: 3 })).toBeGreaterThan(rankOf(provenance));
    expect(rankOf({ kind: 'import', importedAt: new Date() })).toBeLessThan(rankOf({ ...provenance, revision: 1 }));
  });

  it('periods: a milestone of a cycle, a year of history', () => {
    expect(period.key).toBe(`${CYCLE}-final`);
    expect(periodOf.year(2013)).toEqual({ key: '2013', at: new Date('2013-01-01T00:00:00Z'), year: 2013 });
  });
});
