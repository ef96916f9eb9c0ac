import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { answerProblems, keptAnswers } from './answer-problems';
import { visibleQuestions } from './conditions';
import type { Answers, ChoiceQuestion, GroupQuestion, Questionnaire, RatingQuestion } from './questionnaire';
import { inLanguage } from '../texts/localized-text';
import { participationOf } from './participation';
import { questionnaireProblems } from './questionnaire-problems';

const ROOT = join(__dirname, '..', '..', '..', '..');
const charter = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8')) as Questionnaire;
const EN_DE_FR = { fallback: 'en', required: ['en', 'de', 'fr'] } as const;

const ROLES = ['policy-makers', 'service-providers', 'employers', 'buyers'];
const sectionOf = (key: string) => charter.sections.find((s) => s.key === key)!;
const ratingsOf = (key: string) => sectionOf(key).questions.filter((q): q is RatingQuestion => q.type === 'rating');
const commitments = ROLES.flatMap(ratingsOf);
const en = (text: unknown) => (text as { en: string }).en;

/**
 * The Charter's commitments in its own words, in its order (roles: 3 + 2 + 3 + 3), copied from
 * the Charter's text (../shared/seeds/integrating-cities-charter.txt, "COMMITMENTS") without the
 * closing ";" or "." of each bullet, its apostrophes as it writes them (’).
 */
const CHARTER_WORDING = [
  'Actively communicate our commitment to equal opportunities for everyone living in the city',
  'Ensure equal access and non-discrimination across all our policies',
  'Facilitate engagement from migrant communities in our policy-making processes and remove barriers to participation',
  'Support equal access for migrants to services to which they are entitled, particularly access to language learning, housing, employment, health, social care and education',
  'Ensure that migrants’ needs are understood and met by service providers',
  'Take steps where required to reflect our city’s diversity in the composition of our workforce across all staffing levels',
  'Ensure that all staff, including staff with a migrant background, experience fair and equal treatment by their managers and colleagues',
  'Ensure that staff understand and respect diversity and equality issues',
  'Apply principles of equality and diversity in procurement and tendering',
  'Promote the development of a diverse supplier-base',
  'Promote principles of equality and diversity amongst our contractors',
];

describe("the Charter's questionnaire (config/programmes/charter.questionnaire.yaml)", () => {
  it('is a valid questionnaire with every text in English, German and French', () => {
    expect(questionnaireProblems(charter, EN_DE_FR)).toEqual([]);
  });

  it('has the 11 commitments grouped by the 4 roles (3 + 2 + 3 + 3), each a rating on fully / partly / not yet / not applicable', () => {
    expect(charter.sections.map((s) => s.key)).toEqual(['participation', ...ROLES, 'good-practices']);
    expect(ROLES.map((r) => ratingsOf(r).length)).toEqual([3, 2, 3, 3]);
    for (const c of commitments) {
      expect(c.required).toBe(true);
      expect(c.levels.map((l) => [l.key, l.score])).toEqual([
        ['fully', 3],
        ['partly', 2],
        ['not-yet', 1],
        ['not-applicable', undefined],
      ]);
    }
  });

  it('words the commitments in English as the Charter does', () => {
    expect(commitments.map((c) => en(c.label))).toEqual(CHARTER_WORDING);
  });

  it("carries the Charter's note on service providers with their section", () => {
    expect(en(sectionOf('service-providers').intro)).toMatch(
      /^The signatories of this charter have different public duties for the delivery of public services\./,
    );
  });

  it('asks per commitment for the measures, evidence and optional indicators once it is rated other than not applicable', () => {
    for (const c of commitments) {
      const rest = sectionOf(ROLES.find((r) => ratingsOf(r).includes(c))!).questions.filter((q) => q.key.startsWith(`${c.key}-`));
      expect(rest.map((q) => [q.key, q.type, q.required])).toEqual([
        [`${c.key}-measures`, 'text', true],
        [`${c.key}-evidence`, 'evidence', false],
        [`${c.key}-indicators`, 'group', false],
      ]);
      for (const q of rest) expect(q.showWhen).toEqual({ question: c.key, in: ['fully', 'partly', 'not-yet'] });
    }
  });

  it("tags good practices with the 2020 report's eight trends", () => {
    const practices = sectionOf('good-practices').questions[0] as GroupQuestion;
    const trends = practices.questions.find((q) => q.key === 'trends') as ChoiceQuestion;
    expect(trends.multiple).toBe(true);
    expect(trends.options.map((o) => en(o.label))).toEqual([
      'Developing integration policies in a structured and sustainable way',
      'Mainstreaming integration across different policy areas',
      'Focusing on the specific integration needs of particular groups',
      'Creating low-threshold access to integration services',
      'Communicating openly about equal opportunities',
      'Implementing an inclusive and participatory integration approach',
      'Working towards more inclusive city administrations and procurement practices',
      'Participating as key actors in the EU policy context and global governance on migration',
    ]);
  });

  it('reads in the reader’s language', () => {
    const fr = inLanguage(charter, 'fr');
    expect(fr.sections[1].questions[0].label).toBe(
      "Communiquer activement notre engagement en faveur de l'égalité des chances pour toutes les personnes qui vivent dans la ville",
    );
    expect((fr.sections[1].questions[0] as unknown as RatingQuestion).levels.map((l) => l.label)).toEqual([
      'Pleinement',
      'Partiellement',
      'Pas encore',
      'Sans objet',
    ]);
  });

  describe('participation is voluntary', () => {
    it('asks first whether the city takes part; a city that declines is asked nothing else and may say why', () => {
      expect(charter.sections[0].questions[0]).toMatchObject({ key: 'take-part', type: 'yesNo', required: true });
      expect(visibleQuestions(charter, { 'take-part': false }).map((q) => q.key)).toEqual(['take-part', 'decline-reason']);
      expect(answerProblems(charter, { 'take-part': false })).toEqual([]);
      expect(answerProblems(charter, {}).map((p) => p.path)).toEqual(['answers.take-part']);
    });

    it('a city taking part rates every commitment, and describes its measures for each one that applies', () => {
      const rating: Answers = Object.fromEntries(commitments.map((c, i) => [c.key, i === 0 ? 'partly' : 'not-applicable']));
      const first = commitments[0].key;
      expect(answerProblems(charter, { 'take-part': true }).map((p) => p.path)).toEqual(commitments.map((c) => `answers.${c.key}`));
      expect(answerProblems(charter, { 'take-part': true, ...rating }).map((p) => [p.path, p.rule])).toEqual([[`answers.${first}-measures`, 'required']]);
      const answers: Answers = {
        'take-part': true,
        ...rating,
        [`${first}-measures`]: 'A campaign in six languages.',
        [`${first}-evidence`]: { links: ['https://example.org/campaign'], files: [] },
        [`${first}-indicators`]: [{ name: 'People reached', unit: 'people', values: { baseline: 0, target: 5000, actual: 6200 }, 'higher-is-better': true }],
        'good-practices': [{ title: 'Welcome desk', description: 'One desk for every service.', trends: ['low-threshold-access', 'open-communication'] }],
      };
      expect(answerProblems(charter, answers)).toEqual([]);
      expect(answerProblems(charter, { ...answers, 'good-practices': [{ title: 'T', description: 'D', trends: ['covid'] }] }).map((p) => p.path)).toEqual([
        'answers.good-practices[0].trends[0]',
      ]);
      // Changing one's mind: a city that declines after drafting keeps only its answer to take part.
      expect(keptAnswers(charter, { ...answers, 'take-part': false })).toEqual({ 'take-part': false });
    });

    it('the round counts how many of the signatories took part, declined or did not answer', () => {
      const submitted: Record<string, Answers> = { berlin: { 'take-part': true }, paris: { 'take-part': false }, oslo: {}, nowhere: { 'take-part': true } };
      expect(participationOf(['berlin', 'paris', 'oslo', 'rome', 'berlin'], (c) => submitted[c], 'take-part')).toEqual({
        asked: 4,
        tookPart: 1,
        declined: 1,
        noAnswer: 2,
      });
    });
  });
});
