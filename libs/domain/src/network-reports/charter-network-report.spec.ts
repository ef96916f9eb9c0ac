import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Answers, Questionnaire } from '../questionnaires/questionnaire';
import { answerProblems } from '../questionnaires/answer-problems';
import { compileNetworkReport } from './network-report-compiler';
import type { NetworkParticipant } from './network-report';

const ROOT = join(__dirname, '..', '..', '..', '..');
const read = (file: string) => parse(readFileSync(join(ROOT, 'config', 'programmes', file), 'utf8'));
const charter = read('charter.questionnaire.yaml') as Questionnaire;
const cities = (read('charter.yaml') as { participants: NetworkParticipant[] }).participants;
const COMMITMENTS = charter.sections.flatMap((s) => s.questions.filter((q) => q.type === 'rating').map((q) => q.key));

/** A city's accepted answers: it takes part and rates every commitment `level`, with one good practice tagged with two trends. */
function takingPart(level: string): Answers {
  const answers: Answers = { 'take-part': true };
  for (const c of COMMITMENTS) {
    answers[c] = level;
    if (level !== 'not-applicable') answers[`${c}-measures`] = `What we did for ${c}`;
  }
  answers['good-practices'] = [{ title: 'Welcome desk', description: 'One door for every question', trends: ['mainstreaming', 'low-threshold-access'] }];
  return answers;
}

describe("the network report of the Charter's own questionnaire and cities (config/programmes)", () => {
  // amsterdam rates fully, antwerp partly, athens declines; the other 49 cities send nothing.
  const answers: Record<string, Answers> = { amsterdam: takingPart('fully'), antwerp: takingPart('partly'), athens: { 'take-part': false } };
  const report = compileNetworkReport({
    questionnaire: charter,
    cycle: { id: 'charter-2026', name: 'Charter 2026', period: '2026' },
    participants: cities,
    answers,
  });

  it('reads the answers the Charter’s questionnaire accepts', () => {
    for (const a of Object.values(answers)) expect(answerProblems(charter, a)).toEqual([]);
  });

  it('finds the 4 roles with 3 + 2 + 3 + 3 commitments and the 2020 report’s 8 trends by the default question keys', () => {
    expect(report.roles.map((r) => [r.key, r.commitments.length])).toEqual([
      ['policy-makers', 3],
      ['service-providers', 2],
      ['employers', 3],
      ['buyers', 3],
    ]);
    expect(report.goodPractices.byTrend).toHaveLength(8);
    expect(report.goodPractices.byTrend.filter((t) => t.practices.length).map((t) => [t.trend, t.practices.length])).toEqual([
      ['mainstreaming', 2],
      ['low-threshold-access', 2],
    ]);
  });

  // The bands' sizes as config/programmes/charter.yaml lists them (grep -c 'size: large' and so on).
  it('counts the 52 signatories: 2 took part, 1 declined, 49 did not answer', () => {
    expect(report.participation).toEqual({ signatories: 52, answered: 3, tookPart: 2, declined: 1, declinedWithReason: 0, noAnswer: 49, rate: 2 / 52 });
    // Each role: 2 cities × its commitments, half fully (3) and half partly (2): mean 2.5.
    for (const role of report.roles) expect(role.distribution.meanScore).toBe(2.5);
    expect(report.peerGroups.byCountry.find((g) => g.key === 'NL')).toMatchObject({ signatories: 4, tookPart: 1 }); // amsterdam took part
    expect(report.peerGroups.bySize.map((g) => [g.key, g.signatories])).toEqual([
      ['large', 12],
      ['medium', 30],
      ['small', 10],
    ]);
  });
});
