import type { Answers, Questionnaire } from '../questionnaires/questionnaire';
import { isRecord, questionsOf } from '../questionnaires/questionnaire';
import type { HistoricCycle } from '../history/historic-cycles';
import type { SubmissionContent } from '../submissions/submission-content';
import type { ProgrammeIndicators } from './programme-indicators';

/**
 * When an observation was made: a milestone of a cycle run here (its key: `<cycleId>-<milestoneKey>`;
 * a cycle id is hexadecimal, so the first '-' ends it), or a year of a cycle imported from history
 * (its key: the year). `at` orders periods in a series: the milestone's original due date, or
 * 1 January of the year.
 */
export interface Period {
  key: string;
  at: Date;
  cycleId?: string;
  milestoneKey?: string;
  year?: number;
}

export const periodOf = {
  milestone: (cycleId: string, milestoneKey: string, dueAt: Date): Period => ({ key: `${cycleId}-${milestoneKey}`, at: dueAt, cycleId, milestoneKey }),
  year: (year: number): Period => ({ key: String(year), at: new Date(Date.UTC(year, 0, 1)), year }),
};

/** Where an observation came from: a revision of a report (the task, its number, when it was submitted), or an import of history. */
export type Provenance =
  { kind: 'revision'; taskId: string; revision: number; submittedAt: Date; submittedBy?: string } | { kind: 'import'; importedAt: Date; importedBy?: string };

/**
 * Which of two values for the same participant, indicator and period stands: the one of the
 * higher rank (a later revision replaces an earlier one; an imported value ranks 0, below any revision).
 */
export function rankOf(p: Provenance): number {
  return p.kind === 'revision' ? p.revision : 0;
}

/**
 * One accepted answer to an indicator or a rating, as a value in time. `value` null means the
 * answer names the indicator but gives it no value (a rating of "not applicable", an indicator
 * left out of a later revision): it replaces an earlier value of the same period all the same,
 * and series and peer comparisons leave it out.
 */
export interface Observation {
  programme: string;
  indicator: string;
  participant: string;
  period: Period;
  value: number | null;
  provenance: Provenance;
}

interface Source {
  catalog: ProgrammeIndicators;
  participant: string;
  period: Period;
  provenance: Provenance;
}

/**
 * The observations of a Pact report: for every indicator of the catalogue that belongs to the
 * report's working group (code `<group>.<indicator key>`), its actual value, or null when the
 * report leaves it out (so a revision that drops an indicator withdraws the earlier value).
 * A chair's own (custom) indicators are in no catalogue and make no observation.
 */
export function observationsOfReport(content: SubmissionContent, source: Source): Observation[] {
  const prefix = `${source.participant}.`;
  const actual = new Map(content.indicators.map((i) => [`${prefix}${i.key}`, i.actual]));
  return source.catalog.indicators.filter((i) => i.code.startsWith(prefix)).map((i) => observation(source, i.code, finite(actual.get(i.code))));
}

/**
 * The observations of a questionnaire's answers (the Charter's self-evaluation): every
 * top-level rating or indicator question whose key is a code of the catalogue makes one, a
 * rating its level's score (null for a level without a score, such as "not applicable", or no
 * answer: a city that declined, a question not shown), an indicator its actual value. Rows of
 * repeating groups (a city's own indicators) are in no catalogue and make none.
 */
export function observationsOfAnswers(questionnaire: Questionnaire, answers: Answers, source: Source): Observation[] {
  const codes = new Set(source.catalog.indicators.map((i) => i.code));
  const out: Observation[] = [];
  for (const q of questionsOf(questionnaire)) {
    if (!codes.has(q.key)) continue;
    const answer = answers[q.key];
    if (q.type === 'rating') {
      const level = typeof answer === 'string' ? q.levels.find((l) => l.key === answer) : undefined;
      out.push(observation(source, q.key, finite(level?.score)));
    } else if (q.type === 'indicator') {
      out.push(observation(source, q.key, isRecord(answer) ? finite(answer.actual) : null));
    }
  }
  return out;
}

/**
 * The observations of a cycle imported from history (a year; provenance "import"): each
 * participant's ratings as `observationsOfAnswers` reads them, but only for the questions the
 * file answered, so an import never withdraws a value it says nothing about.
 */
export function observationsOfHistory(
  questionnaire: Questionnaire,
  cycle: HistoricCycle,
  catalog: ProgrammeIndicators,
  importedAt: Date,
  importedBy?: string,
): Observation[] {
  const provenance: Provenance = { kind: 'import', importedAt, ...(importedBy ? { importedBy } : {}) };
  const period = periodOf.year(cycle.year);
  return cycle.participations.flatMap((p) => {
    const answers: Answers = Object.fromEntries(p.answers.filter((a) => a.ratingKey !== null).map((a) => [a.questionKey, a.ratingKey]));
    return observationsOfAnswers(questionnaire, answers, { catalog, participant: p.participantKey, period, provenance }).filter((o) => o.indicator in answers);
  });
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function observation(source: Source, indicator: string, value: number | null): Observation {
  return { programme: source.catalog.programme, indicator, participant: source.participant, period: source.period, value, provenance: source.provenance };
}

/** One value of a series or a peer comparison, with where it came from. */
export interface ObservedValue {
  period: Period;
  value: number | null;
  provenance: Provenance;
}

/** A participant's series for one indicator: the periods with a value, oldest first (periods of equal date by key). */
export function seriesOf(values: readonly ObservedValue[]): (ObservedValue & { value: number })[] {
  return values
    .filter((v): v is ObservedValue & { value: number } => v.value !== null)
    .sort((a, b) => a.period.at.getTime() - b.period.at.getTime() || (a.period.key < b.period.key ? -1 : a.period.key > b.period.key ? 1 : 0));
}

/** The peers' values for one indicator and period: every participant with a value, by participant key, and their median. */
export function peersOf(values: readonly { participant: string; value: number | null; provenance: Provenance }[]): {
  values: { participant: string; value: number; provenance: Provenance }[];
  median: number | null;
} {
  const withValue = values
    .filter((v): v is { participant: string; value: number; provenance: Provenance } => v.value !== null)
    .sort((a, b) => (a.participant < b.participant ? -1 : a.participant > b.participant ? 1 : 0));
  const sorted = withValue.map((v) => v.value).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = !sorted.length ? null : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { values: withValue, median };
}
