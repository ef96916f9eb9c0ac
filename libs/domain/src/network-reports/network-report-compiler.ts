import { participationOf } from '../questionnaires/participation';
import type { Answers, ChoiceQuestion, GroupQuestion, Questionnaire, RatingQuestion } from '../questionnaires/questionnaire';
import { isRecord } from '../questionnaires/questionnaire';
import type {
  CityGoodPractice,
  CityIndicator,
  CityProfile,
  CityRating,
  CityRatingChange,
  CityStatus,
  CommitmentChange,
  NetworkChange,
  NetworkCycle,
  NetworkLevel,
  NetworkParticipant,
  NetworkParticipation,
  NetworkReport,
  NetworkRole,
  PeerGroup,
  RatingDirection,
  RatingDistribution,
  TrendPractices,
} from './network-report';
import { RATING_DIRECTIONS } from './network-report';

/**
 * What a network report is compiled from: the round's questionnaire, its cities, and each city's
 * accepted answers as stored (absent: the city sent nothing). The previous round's answers, when
 * given, make the change section. The question keys default to the Charter's.
 */
export interface NetworkReportInput {
  questionnaire: Questionnaire;
  cycle: NetworkCycle;
  participants: readonly NetworkParticipant[];
  answers: Readonly<Record<string, Answers | undefined>>;
  previous?: { cycle: NetworkCycle; answers: Readonly<Record<string, Answers | undefined>> };
  questions?: Partial<NetworkQuestionKeys>;
}

/** Which questions carry what the report reads beyond the ratings (the Charter's keys by default). */
export interface NetworkQuestionKeys {
  /** The yes/no question asking whether the city takes part; without it in the questionnaire, every city that answered took part. */
  takePart: string;
  declineReason: string;
  /** The group of good practices, and the multiple choice of trends in its rows. */
  goodPractices: string;
  trends: string;
}

export const CHARTER_QUESTION_KEYS: NetworkQuestionKeys = {
  takePart: 'take-part',
  declineReason: 'decline-reason',
  goodPractices: 'good-practices',
  trends: 'trends',
};

interface Commitment {
  role: string;
  question: RatingQuestion;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const rows = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Compiles the network report of a round. Pure: the same input gives the same report. Only the
 * cities that took part are counted in distributions, peer groups' ratings, change and good
 * practices; every signatory has a profile and counts in participation.
 */
export function compileNetworkReport(input: NetworkReportInput): NetworkReport {
  const keys = { ...CHARTER_QUESTION_KEYS, ...input.questions };
  const q = input.questionnaire;
  const allQuestions = q.sections.flatMap((s) => s.questions);
  const hasTakePart = allQuestions.some((x) => x.key === keys.takePart && x.type === 'yesNo');

  // Commitments: every rating question at a section's top level; roles: the sections that have any.
  const commitments: Commitment[] = q.sections.flatMap((s) =>
    s.questions.filter((x): x is RatingQuestion => x.type === 'rating').map((question) => ({ role: s.key, question })),
  );
  const levels = levelsOf(commitments);
  const scoreOf = new Map(levels.map((l) => [l.key, l.score]));

  const statusOf = (answers: Answers | undefined): CityStatus => {
    if (!answers) return 'no-answer';
    if (!hasTakePart) return 'took-part';
    return answers[keys.takePart] === true ? 'took-part' : answers[keys.takePart] === false ? 'declined' : 'no-answer';
  };
  const participants = uniqueByKey(input.participants);
  const status = new Map(participants.map((p) => [p.key, statusOf(input.answers[p.key])]));
  const takingPart = participants.filter((p) => status.get(p.key) === 'took-part');

  /** A city's level for a commitment: a level of that question, else none. */
  const levelIn = (answers: Answers | undefined, c: Commitment): string | null => {
    const v = answers?.[c.question.key];
    return typeof v === 'string' && c.question.levels.some((l) => l.key === v) ? v : null;
  };
  const levelOf = (city: string, c: Commitment) => levelIn(input.answers[city], c);

  const distribution = (cities: readonly NetworkParticipant[], of: readonly Commitment[]): RatingDistribution =>
    distributionOf(
      levels,
      cities.flatMap((p) => of.map((c) => levelOf(p.key, c))),
    );

  const roles: NetworkRole[] = q.sections
    .map((s) => ({ s, own: commitments.filter((c) => c.role === s.key) }))
    .filter(({ own }) => own.length > 0)
    .map(({ s, own }) => ({
      key: s.key,
      title: s.title,
      commitments: own.map((c) => ({ key: c.question.key, label: c.question.label, distribution: distribution(takingPart, [c]) })),
      distribution: distribution(takingPart, own),
    }));

  // Change: only with a previous round; a level then counts only if the city took part then.
  const previousLevel = (city: string, c: Commitment): string | null => {
    if (!input.previous) return null;
    const then = input.previous.answers[city];
    return statusOf(then) === 'took-part' ? levelIn(then, c) : null;
  };
  const directionOf = (before: string | null, now: string): RatingDirection => {
    if (before === null) return 'new';
    if (before === now) return 'same';
    const a = scoreOf.get(before);
    const b = scoreOf.get(now);
    if (a === null || a === undefined || b === null || b === undefined) return 'changed';
    return b > a ? 'up' : b < a ? 'down' : 'same';
  };

  let change: NetworkChange | null = null;
  if (input.previous) {
    const byCity: CityRatingChange[] = [];
    for (const p of takingPart)
      for (const c of commitments) {
        const level = levelOf(p.key, c);
        if (level === null) continue;
        const before = previousLevel(p.key, c);
        byCity.push({
          city: p.key,
          cityName: p.name,
          role: c.role,
          commitment: c.question.key,
          previousLevel: before,
          level,
          direction: directionOf(before, level),
        });
      }
    const byCommitment: CommitmentChange[] = commitments.map((c) => {
      const counts = Object.fromEntries(RATING_DIRECTIONS.map((d) => [d, 0])) as Record<RatingDirection, number>;
      for (const x of byCity) if (x.commitment === c.question.key) counts[x.direction]++;
      return { role: c.role, commitment: c.question.key, label: c.question.label, counts };
    });
    const previous = input.previous;
    const citiesInBoth = takingPart.filter((p) => statusOf(previous.answers[p.key]) === 'took-part').length;
    change = { byCity, byCommitment, citiesInBoth };
  }

  const peerGroups = (keyOf: (p: NetworkParticipant) => string): PeerGroup[] => {
    const groups = new Map<string, NetworkParticipant[]>();
    for (const p of participants) groups.set(keyOf(p), [...(groups.get(keyOf(p)) ?? []), p]);
    return [...groups.keys()].sort().map((key) => {
      const members = groups.get(key)!;
      const active = members.filter((p) => status.get(p.key) === 'took-part');
      return {
        key,
        signatories: members.length,
        tookPart: active.length,
        distribution: distribution(active, commitments),
        commitments: commitments.map((c) => ({ key: c.question.key, distribution: distribution(active, [c]) })),
      };
    });
  };

  const practicesOf = (answers: Answers | undefined): CityGoodPractice[] =>
    rows(answers?.[keys.goodPractices]).map((r) => ({ title: text(r.title), description: text(r.description), trends: strings(r[keys.trends]) }));

  const cities: CityProfile[] = participants.map((p) => {
    const st = status.get(p.key)!;
    const answers = input.answers[p.key];
    const ratings: CityRating[] =
      st !== 'took-part'
        ? []
        : commitments.map((c) => {
            const level = levelOf(p.key, c);
            const before = previousLevel(p.key, c);
            const evidence = answers?.[`${c.question.key}-evidence`];
            return {
              role: c.role,
              commitment: c.question.key,
              label: c.question.label,
              level,
              score: level === null ? null : (scoreOf.get(level) ?? null),
              previousLevel: before,
              direction: input.previous && level !== null ? directionOf(before, level) : null,
              measures: text(answers?.[`${c.question.key}-measures`]),
              evidenceLinks: isRecord(evidence) ? strings(evidence.links).filter((l) => /^https?:\/\//i.test(l)) : [],
              evidenceFiles: isRecord(evidence) ? strings(evidence.files).length : 0,
              indicators: rows(answers?.[`${c.question.key}-indicators`]).map(indicatorOf),
            };
          });
    return { key: p.key, name: p.name, country: p.country, size: p.size, status: st, ratings, goodPractices: st === 'took-part' ? practicesOf(answers) : [] };
  });

  // Good practices by trend, in the order of the trends' options; a practice with two tags is under both.
  const trendQuestion = allQuestions
    .filter((x): x is GroupQuestion => x.type === 'group' && x.key === keys.goodPractices)
    .flatMap((g) => g.questions)
    .find((x): x is ChoiceQuestion => x.type === 'choice' && x.key === keys.trends);
  const byTrend: TrendPractices[] = (trendQuestion?.options ?? []).map((o) => ({
    trend: o.key,
    label: o.label,
    practices: cities.flatMap((city) =>
      city.goodPractices
        .filter((g) => g.trends.includes(o.key))
        .map((g) => ({ city: city.key, cityName: city.name, title: g.title, description: g.description })),
    ),
  }));

  return {
    questionnaireKey: q.key,
    questionnaireVersion: q.version,
    cycle: input.cycle,
    previousCycle: input.previous?.cycle ?? null,
    levels,
    participation: participation(participants, input.answers, keys, hasTakePart),
    roles,
    change,
    peerGroups: { byCountry: peerGroups((p) => p.country), bySize: peerGroups((p) => p.size) },
    cities,
    goodPractices: { total: cities.reduce((n, c) => n + c.goodPractices.length, 0), byTrend },
  };
}

/** The levels of every commitment, each key once, in the order they first appear. */
function levelsOf(commitments: readonly Commitment[]): NetworkLevel[] {
  const seen = new Map<string, NetworkLevel>();
  for (const c of commitments) for (const l of c.question.levels) if (!seen.has(l.key)) seen.set(l.key, { key: l.key, label: l.label, score: l.score ?? null });
  return [...seen.values()];
}

/** A distribution of ratings (null: a participating city gave none). */
export function distributionOf(levels: readonly NetworkLevel[], given: readonly (string | null)[]): RatingDistribution {
  const counts = Object.fromEntries(levels.map((l) => [l.key, 0]));
  let unrated = 0;
  for (const g of given) {
    if (g === null || !(g in counts)) unrated++;
    else counts[g]++;
  }
  const scoredLevels = levels.filter((l) => l.score !== null);
  const scored = scoredLevels.reduce((n, l) => n + counts[l.key], 0);
  const sum = scoredLevels.reduce((n, l) => n + counts[l.key] * l.score!, 0);
  return {
    counts,
    rated: given.length - unrated,
    scored,
    unrated,
    shares: scored ? Object.fromEntries(scoredLevels.map((l) => [l.key, counts[l.key] / scored])) : {},
    meanScore: scored ? sum / scored : null,
  };
}

function participation(
  participants: readonly NetworkParticipant[],
  answers: Readonly<Record<string, Answers | undefined>>,
  keys: NetworkQuestionKeys,
  hasTakePart: boolean,
): NetworkParticipation {
  const asked = participants.map((p) => p.key);
  const counts = hasTakePart
    ? participationOf(asked, (p) => answers[p], keys.takePart)
    : { asked: asked.length, tookPart: asked.filter((p) => answers[p]).length, declined: 0, noAnswer: asked.filter((p) => !answers[p]).length };
  // Without a participation question nobody declines, whatever a stored answer says.
  const declinedWithReason = hasTakePart
    ? asked.filter((p) => answers[p]?.[keys.takePart] === false && text(answers[p]?.[keys.declineReason]).trim() !== '').length
    : 0;
  return {
    signatories: counts.asked,
    answered: counts.tookPart + counts.declined,
    tookPart: counts.tookPart,
    declined: counts.declined,
    declinedWithReason,
    noAnswer: counts.noAnswer,
    rate: counts.asked ? counts.tookPart / counts.asked : null,
  };
}

function indicatorOf(row: Record<string, unknown>): CityIndicator {
  const values = isRecord(row.values) ? row.values : {};
  const better = row['higher-is-better'];
  return {
    name: text(row.name),
    unit: text(row.unit),
    baseline: num(values.baseline),
    target: num(values.target),
    actual: num(values.actual),
    higherIsBetter: typeof better === 'boolean' ? better : null,
  };
}

/** A city listed twice counts once (the first listing). */
function uniqueByKey(participants: readonly NetworkParticipant[]): NetworkParticipant[] {
  const byKey = new Map<string, NetworkParticipant>();
  for (const p of participants) if (!byKey.has(p.key)) byKey.set(p.key, p);
  return [...byKey.values()];
}
