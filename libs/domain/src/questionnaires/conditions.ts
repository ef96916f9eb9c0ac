import type { Answers, Question, Questionnaire, ShowWhen } from './questionnaire';
import { questionsOf } from './questionnaire';

/**
 * Whether a value counts as an answer: not missing, not a blank text, not an empty list, not an
 * object without any answer in it (evidence without links or files, an indicator without
 * values). A blank answer to a required question is a missing one.
 */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(isAnswered);
  return true;
}

/** Whether an earlier question's answer makes the condition true (a multiple choice: one of those chosen). */
export function conditionHolds(when: ShowWhen, answer: unknown): boolean {
  if ('answered' in when) return isAnswered(answer);
  const given = Array.isArray(answer) ? answer : [answer];
  if ('equals' in when) return given.includes(when.equals);
  return given.some((a) => typeof a === 'string' && when.in.includes(a));
}

/**
 * The questions of a list that are shown, given the answers: a question with a condition is
 * shown when the question it refers to is shown and its answer makes the condition true. A
 * hidden question's answer counts as none, so conditions chain (hiding a question hides those
 * that depend on it). One pass suffices because conditions refer only to earlier questions
 * (`questionnaireProblems` refuses anything else).
 */
export function visibleAmong<Q extends Question>(questions: readonly Q[], answers: Answers): Q[] {
  const shown = new Set<string>();
  const visible: Q[] = [];
  for (const question of questions) {
    const when = question.showWhen;
    if (when && !(shown.has(when.question) && conditionHolds(when, answers[when.question]))) continue;
    shown.add(question.key);
    visible.push(question);
  }
  return visible;
}

/** The questions of a questionnaire a participant is asked, given their answers so far (in order). */
export function visibleQuestions(q: Questionnaire, answers: Answers): Question[] {
  return visibleAmong(questionsOf(q), answers);
}
