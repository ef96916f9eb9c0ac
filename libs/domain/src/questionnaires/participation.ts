import type { Answers } from './questionnaire';

/** How many of a programme's participants took part in a voluntary round, as its report says. */
export interface Participation {
  /** Everyone asked (the Charter's signatories in the cycle). */
  asked: number;
  tookPart: number;
  declined: number;
  /** Asked, but no submission (yet), or one without an answer to the question. */
  noAnswer: number;
}

/**
 * Counts a voluntary round from each participant's submitted answers (undefined: nothing
 * submitted): `question` is the yes/no question that asks whether they take part (the Charter's
 * `take-part`). A participant not asked is not counted, whatever it sent.
 */
export function participationOf(asked: readonly string[], answersOf: (participant: string) => Answers | undefined, question: string): Participation {
  const unique = new Set(asked);
  const counts: Participation = { asked: unique.size, tookPart: 0, declined: 0, noAnswer: 0 };
  for (const participant of unique) {
    const answer = answersOf(participant)?.[question];
    if (answer === true) counts.tookPart++;
    else if (answer === false) counts.declined++;
    else counts.noAnswer++;
  }
  return counts;
}
