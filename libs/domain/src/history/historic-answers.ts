import type { Answers, Question, Questionnaire } from '../questionnaires/questionnaire';
import { HistoricParticipation } from './historic-cycles';

/** The yes/no question a Charter round asks first ("Will your city take part in this round?"). */
const TAKE_PART = 'take-part';

/** The text question of a commitment's measures, by the Charter questionnaire's naming: `<rating key>-measures`. */
export const measuresKeyOf = (ratingKey: string): string => `${ratingKey}-measures`;

/**
 * A participant's answers in a historic cycle as answers to `questionnaire`, the form a round run
 * here stores (so the network report compares a round with an imported one as with one of its own):
 * - each rating question's key → the level's key (a text-only row gives no rating);
 * - the row's text → the commitment's measures text (`<commitment>-measures`, the Charter's naming)
 *   when the questionnaire has that text question; where it has none, the text is not an answer
 *   and is kept on the historic cycle only;
 * - the yes/no question `take-part`, when the questionnaire asks it, → true: a city the file
 *   names answered that cycle, so it took part (without it the report would count it as "no answer").
 */
export function answersOfHistoric(questionnaire: Questionnaire, participation: HistoricParticipation): Answers {
  const questions = new Map<string, Question>();
  for (const s of questionnaire.sections) for (const q of s.questions) questions.set(q.key, q);
  const answers: Answers = {};
  if (questions.get(TAKE_PART)?.type === 'yesNo') answers[TAKE_PART] = true;
  for (const a of participation.answers) {
    if (a.ratingKey !== null && questions.get(a.questionKey)?.type === 'rating') answers[a.questionKey] = a.ratingKey;
    const measures = questions.get(measuresKeyOf(a.questionKey));
    if (a.text !== '' && measures?.type === 'text') answers[measures.key] = a.text;
  }
  return answers;
}
