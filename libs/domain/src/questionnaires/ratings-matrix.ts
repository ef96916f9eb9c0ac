import type { LocalizedText } from '../texts/localized-text';
import type { Answers, Questionnaire, RatingLevel } from './questionnaire';

export interface MatrixCommitment {
  /** The section (a Charter role) it stands in. */
  section: string;
  sectionTitle: LocalizedText;
  key: string;
  label: LocalizedText;
}

/** Where a participant stands in a round: its answers in (taking part or declining), or not yet. */
export type RoundAnswerState = 'took-part' | 'declined' | 'waiting';

export interface RatingsRow {
  participant: string;
  state: RoundAnswerState;
  /** Its latest answers' level per commitment, in the order of `commitments`; null: not rated (or not taking part). */
  levels: (string | null)[];
}

/**
 * The committee's progress matrix of a questionnaire round: participants × commitments (every
 * rating question at a section's top level), each cell the level in the participant's latest
 * answers, and per commitment how many rated each level. Pure: the engine reads the answers.
 */
export interface RatingsMatrix {
  commitments: MatrixCommitment[];
  levels: RatingLevel[];
  rows: RatingsRow[];
  /** Per commitment (same order), the count of each level's key. */
  counts: Record<string, number>[];
}

/**
 * The matrix from each participant's latest answers (undefined: nothing sent yet); `takePart`
 * is the yes/no question of a voluntary round (without it in the questionnaire, any answers are
 * taking part).
 */
export function ratingsMatrix(
  q: Questionnaire,
  participants: readonly string[],
  answersOf: (participant: string) => Answers | undefined,
  takePart = 'take-part',
): RatingsMatrix {
  const commitments: MatrixCommitment[] = [];
  const levels: RatingLevel[] = [];
  for (const s of q.sections)
    for (const question of s.questions) {
      if (question.type !== 'rating') continue;
      commitments.push({ section: s.key, sectionTitle: s.title, key: question.key, label: question.label });
      for (const l of question.levels) if (!levels.some((x) => x.key === l.key)) levels.push(l);
    }
  const voluntary = q.sections.some((s) => s.questions.some((x) => x.key === takePart && x.type === 'yesNo'));
  const counts = commitments.map(() => Object.fromEntries(levels.map((l) => [l.key, 0])) as Record<string, number>);
  const rows = participants.map((participant): RatingsRow => {
    const answers = answersOf(participant);
    const state: RoundAnswerState = !answers ? 'waiting' : voluntary && answers[takePart] === false ? 'declined' : 'took-part';
    const row = commitments.map((c, i) => {
      const level = state === 'took-part' && typeof answers?.[c.key] === 'string' ? (answers[c.key] as string) : null;
      if (level !== null && level in counts[i]) counts[i][level]++;
      return level;
    });
    return { participant, state, levels: row };
  });
  return { commitments, levels, rows, counts };
}
