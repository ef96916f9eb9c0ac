import { answerProblems } from '../questionnaires/answer-problems';
import { questionnaireProblems } from '../questionnaires/questionnaire-problems';
import { CURRENT, networkInput, networkQuestionnaire, PREVIOUS } from '../testing/network-report-fixture';
import { compileNetworkReport, distributionOf } from './network-report-compiler';
import type { NetworkLevel, RatingDistribution } from './network-report';

/**
 * Every number below is worked out by hand from the fixture (libs/domain/src/testing/network-report-fixture.ts):
 *
 *            communicate  access   needs            take part   previous round (communicate, access, needs)
 *   aachen   fully        partly   not applicable   yes         partly, partly, partly
 *   bonn     partly       partly   fully            yes         fully, not applicable, fully
 *   caen     not yet      fully    partly           yes         —
 *   dijon    —            —        —                no (why)    fully, fully, fully
 *   essen    (sent nothing)                                     —
 *
 * Scores: fully 3, partly 2, not yet 1, not applicable none.
 */
const report = () => compileNetworkReport(networkInput());
const LEVELS: NetworkLevel[] = networkQuestionnaire()
  .sections[1].questions.filter((q) => q.type === 'rating')
  .flatMap((q) => (q.type === 'rating' ? q.levels : []))
  .slice(0, 4)
  .map((l) => ({ key: l.key, label: l.label, score: l.score ?? null }));

/** A distribution from its counts (fully, partly, not yet, not applicable, unrated), the shares and mean given by hand. */
function dist(counts: [number, number, number, number], unrated: number, shares: [number, number, number] | null, mean: number | null): RatingDistribution {
  const [fully, partly, notYet, na] = counts;
  return {
    counts: { fully, partly, 'not-yet': notYet, 'not-applicable': na },
    rated: fully + partly + notYet + na,
    scored: fully + partly + notYet,
    unrated,
    shares: shares ? { fully: shares[0], partly: shares[1], 'not-yet': shares[2] } : {},
    meanScore: mean,
  };
}

/** Compares a distribution, shares and mean to 10 decimals (they are fractions such as 1/3). */
function expectDistribution(actual: RatingDistribution, expected: RatingDistribution) {
  expect({ ...actual, shares: {}, meanScore: null }).toEqual({ ...expected, shares: {}, meanScore: null });
  expect(Object.keys(actual.shares)).toEqual(Object.keys(expected.shares));
  for (const k of Object.keys(expected.shares)) expect(actual.shares[k]).toBeCloseTo(expected.shares[k], 10);
  if (expected.meanScore === null) expect(actual.meanScore).toBeNull();
  else expect(actual.meanScore).toBeCloseTo(expected.meanScore, 10);
}

describe('compileNetworkReport', () => {
  it('reads a fixture that is a valid questionnaire with accepted answers (what the engine stores)', () => {
    expect(questionnaireProblems(networkQuestionnaire(), { fallback: 'en', required: ['en', 'de', 'fr'] })).toEqual([]);
    for (const answers of [...Object.values(CURRENT), ...Object.values(PREVIOUS)]) expect(answerProblems(networkQuestionnaire(), answers)).toEqual([]);
  });

  it('counts participation: 5 signatories, 4 answered, 3 took part, 1 declined saying why, 1 silent, a rate of 3/5', () => {
    expect(report().participation).toEqual({ signatories: 5, answered: 4, tookPart: 3, declined: 1, declinedWithReason: 1, noAnswer: 1, rate: 0.6 });
  });

  it('distributes each commitment’s ratings over the cities that took part, with shares of the scored ones and the mean score', () => {
    const [policy, services] = report().roles;
    expect([policy.key, services.key]).toEqual(['policy', 'services']);
    expect(policy.commitments.map((c) => c.key)).toEqual(['communicate', 'access']);
    // communicate: fully (aachen), partly (bonn), not yet (caen): 1/3 each; mean (3 + 2 + 1) / 3 = 2.
    expectDistribution(policy.commitments[0].distribution, dist([1, 1, 1, 0], 0, [1 / 3, 1 / 3, 1 / 3], 2));
    // access: partly, partly, fully: fully 1/3, partly 2/3, not yet 0; mean (2 + 2 + 3) / 3 = 7/3.
    expectDistribution(policy.commitments[1].distribution, dist([1, 2, 0, 0], 0, [1 / 3, 2 / 3, 0], 7 / 3));
    // needs: not applicable (counted, not scored), fully, partly: 2 scored, 1/2 each; mean (3 + 2) / 2 = 2.5.
    expectDistribution(services.commitments[0].distribution, dist([1, 1, 0, 1], 0, [1 / 2, 1 / 2, 0], 2.5));
  });

  it('adds up a role’s commitments: policy has 6 ratings, fully 2, partly 3, not yet 1, mean 13/6', () => {
    const [policy, services] = report().roles;
    // (2·3 + 3·2 + 1·1) / 6 = 13/6; shares 2/6, 3/6, 1/6.
    expectDistribution(policy.distribution, dist([2, 3, 1, 0], 0, [2 / 6, 3 / 6, 1 / 6], 13 / 6));
    expectDistribution(services.distribution, services.commitments[0].distribution);
  });

  it('names the levels once, in the questionnaire’s order, with no score for not applicable', () => {
    expect(report().levels.map((l) => [l.key, l.score])).toEqual([
      ['fully', 3],
      ['partly', 2],
      ['not-yet', 1],
      ['not-applicable', null],
    ]);
  });

  it('says per city and commitment how the level moved since the previous round (declined cities are not in it)', () => {
    const change = report().change!;
    expect(change.byCity.map((x) => [x.city, x.commitment, x.previousLevel, x.level, x.direction])).toEqual([
      ['aachen', 'communicate', 'partly', 'fully', 'up'], // 2 → 3
      ['aachen', 'access', 'partly', 'partly', 'same'],
      ['aachen', 'needs', 'partly', 'not-applicable', 'changed'], // out of the scale: neither up nor down
      ['bonn', 'communicate', 'fully', 'partly', 'down'], // 3 → 2
      ['bonn', 'access', 'not-applicable', 'partly', 'changed'],
      ['bonn', 'needs', 'fully', 'fully', 'same'],
      ['caen', 'communicate', null, 'not-yet', 'new'], // caen did not take part then
      ['caen', 'access', null, 'fully', 'new'],
      ['caen', 'needs', null, 'partly', 'new'],
    ]);
    // aachen and bonn took part in both rounds; dijon only then, caen only now.
    expect(change.citiesInBoth).toBe(2);
  });

  it('counts per commitment how many cities improved, declined, stayed, are new or moved out of the scale', () => {
    const zero = { up: 0, down: 0, same: 0, new: 0, changed: 0 };
    expect(report().change!.byCommitment.map((x) => [x.role, x.commitment, x.counts])).toEqual([
      ['policy', 'communicate', { ...zero, up: 1, down: 1, new: 1 }], // aachen up, bonn down, caen new
      ['policy', 'access', { ...zero, same: 1, changed: 1, new: 1 }], // aachen same, bonn from n/a, caen new
      ['services', 'needs', { ...zero, same: 1, changed: 1, new: 1 }], // bonn same, aachen to n/a, caen new
    ]);
  });

  it('has no change without a previous round, and no previous levels or directions in the profiles', () => {
    const r = compileNetworkReport(networkInput(false));
    expect(r.change).toBeNull();
    expect(r.previousCycle).toBeNull();
    expect(r.cities[0].ratings.map((x) => [x.previousLevel, x.direction])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('groups peers by country: DE 2 of 3 took part (mean 12/5), FR 1 of 2 (mean 2), each commitment on its own', () => {
    const [de, fr] = report().peerGroups.byCountry;
    expect([de.key, de.signatories, de.tookPart, fr.key, fr.signatories, fr.tookPart]).toEqual(['DE', 3, 2, 'FR', 2, 1]);
    // DE: aachen (fully, partly, n/a) and bonn (partly, partly, fully): fully 2, partly 3, n/a 1; (6 + 6) / 5 = 2.4.
    expectDistribution(de.distribution, dist([2, 3, 0, 1], 0, [2 / 5, 3 / 5, 0], 12 / 5));
    // DE per commitment: communicate (3 + 2) / 2 = 2.5; access (2 + 2) / 2 = 2; needs only bonn's 3 is scored.
    expect(de.commitments.map((c) => [c.key, c.distribution.meanScore])).toEqual([
      ['communicate', 2.5],
      ['access', 2],
      ['needs', 3],
    ]);
    // FR: caen alone (not yet, fully, partly): (1 + 3 + 2) / 3 = 2; dijon declined and is not counted.
    expectDistribution(fr.distribution, dist([1, 1, 1, 0], 0, [1 / 3, 1 / 3, 1 / 3], 2));
  });

  it('groups peers by size band: medium 1 of 3 took part (mean 7/3), small 2 of 2 (mean 11/5)', () => {
    const [medium, small] = report().peerGroups.bySize;
    expect([medium.key, medium.signatories, medium.tookPart, small.key, small.signatories, small.tookPart]).toEqual(['medium', 3, 1, 'small', 2, 2]);
    // medium: bonn alone (partly, partly, fully): (2 + 2 + 3) / 3 = 7/3.
    expectDistribution(medium.distribution, dist([1, 2, 0, 0], 0, [1 / 3, 2 / 3, 0], 7 / 3));
    // small: aachen (fully, partly, n/a) and caen (not yet, fully, partly): fully 2, partly 2, not yet 1, n/a 1; (6 + 4 + 1) / 5 = 11/5.
    expectDistribution(small.distribution, dist([2, 2, 1, 1], 0, [2 / 5, 2 / 5, 1 / 5], 11 / 5));
  });

  it('profiles every signatory: ratings with the previous level, measures, evidence links and indicators for those that took part', () => {
    const r = report();
    expect(r.cities.map((c) => [c.key, c.status, c.ratings.length])).toEqual([
      ['aachen', 'took-part', 3],
      ['bonn', 'took-part', 3],
      ['caen', 'took-part', 3],
      ['dijon', 'declined', 0],
      ['essen', 'no-answer', 0],
    ]);
    expect(r.cities[0].ratings[0]).toEqual({
      role: 'policy',
      commitment: 'communicate',
      label: expect.objectContaining({ en: 'Communicate' }),
      level: 'fully',
      score: 3,
      previousLevel: 'partly',
      direction: 'up',
      measures: 'A campaign <script>alert(1)</script>\nin every district',
      evidenceLinks: ['https://aachen.example/campaign'],
      evidenceFiles: 1,
      indicators: [{ name: 'Events', unit: 'events', baseline: 2, target: 10, actual: 6.5, higherIsBetter: true }],
    });
    // Not applicable has no score; bonn's access was not applicable then.
    expect(r.cities[0].ratings[2]).toMatchObject({ commitment: 'needs', level: 'not-applicable', score: null, direction: 'changed' });
    expect(r.cities[1].ratings[1]).toMatchObject({ commitment: 'access', level: 'partly', score: 2, previousLevel: 'not-applicable' });
    expect(r.cities[3].goodPractices).toEqual([]);
  });

  it('groups good practices by trend in the trends’ order: one tagged t1 and t2 is under both', () => {
    const { total, byTrend } = report().goodPractices;
    expect(total).toBe(2);
    expect(byTrend.map((t) => [t.trend, t.practices.map((p) => `${p.city}: ${p.title}`)])).toEqual([
      ['t1', ['aachen: Welcome desk']],
      ['t2', ['aachen: Welcome desk', 'bonn: Mentors']],
      ['t3', []],
    ]);
  });

  it('counts a rating missing from a city that took part as unrated, and an unknown level the same way', () => {
    const input = networkInput(false);
    const r = compileNetworkReport({ ...input, answers: { ...input.answers, caen: { 'take-part': true, communicate: 'brilliant', access: 'fully' } } });
    // communicate: aachen fully, bonn partly, caen an unknown level → unrated 1; mean (3 + 2) / 2 = 2.5.
    expectDistribution(r.roles[0].commitments[0].distribution, dist([1, 1, 0, 0], 1, [1 / 2, 1 / 2, 0], 2.5));
    // needs: aachen n/a, bonn fully, caen none → unrated 1; mean 3.
    expectDistribution(r.roles[1].commitments[0].distribution, dist([1, 0, 0, 1], 1, [1, 0, 0], 3));
  });

  it('counts a city listed twice once, and a city asked in a questionnaire without a participation question as taking part when it answered', () => {
    const input = networkInput(false);
    expect(compileNetworkReport({ ...input, participants: [...input.participants, input.participants[0]] }).participation.signatories).toBe(5);
    const q = networkQuestionnaire();
    const r = compileNetworkReport({ ...input, questionnaire: { ...q, sections: q.sections.slice(1) } });
    // dijon sent answers (declining, which this questionnaire cannot ask): it counts as taking part, with no ratings.
    expect(r.participation).toEqual({ signatories: 5, answered: 4, tookPart: 4, declined: 0, declinedWithReason: 0, noAnswer: 1, rate: 0.8 });
  });

  it('distributionOf: nothing scored has no shares and no mean', () => {
    expect(distributionOf(LEVELS, ['not-applicable', null])).toEqual(dist([0, 0, 0, 1], 1, null, null));
  });
});
