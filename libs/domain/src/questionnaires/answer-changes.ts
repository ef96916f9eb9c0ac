import { isAnswered } from './conditions';
import { isRecord, questionsOf } from './questionnaire';
import type { Answers, Question, Questionnaire } from './questionnaire';

/**
 * One value in a form that does not depend on how it was built: keys sorted, so two answers
 * that hold the same (an indicator's parts in another order) compare equal; a blank answer is none.
 */
function canonical(value: unknown): unknown {
  if (!isAnswered(value)) return null;
  if (Array.isArray(value)) return value.map(canonical);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => isAnswered(value[k]))
        .map((k) => [k, canonical(value[k])]),
    );
  }
  return value;
}

/**
 * The questions whose answers differ between two revisions of a participant's answers (the
 * first revision against none: every question it answers), in the questionnaire's order. A
 * group counts as one question (any row changed, added or removed). A question answered before
 * and no longer (now hidden, or emptied) changed too. What a revision's page lists as "changed
 * answers" — pure, so the comparison is a unit test and not a template's.
 */
export function changedQuestions(questionnaire: Questionnaire, previous: Answers | null, current: Answers): Question[] {
  return questionsOf(questionnaire).filter((q) => JSON.stringify(canonical(previous?.[q.key])) !== JSON.stringify(canonical(current[q.key])));
}
