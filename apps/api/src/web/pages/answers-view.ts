import { Answers, isAnswered, isRecord, ItemQuestion, LocalizedText, Question, Questionnaire, visibleAmong } from '@pact/domain';
import { aboutOf } from '../forms/questionnaire-form';
import { Say, sayText } from '../forms/fields/field';
import { INDICATOR_PARTS } from '../forms/fields/indicator/indicator-field';

/** One answer as "check your answers" lists it: the question, what was answered (lines), and the field to change it at. */
export interface AnswerRow {
  /** The question's label; `about` the commitment a follow-up question belongs to (said beside it). */
  label: string;
  about?: string;
  lines: string[];
  /** The form's field (its id) the "Change" link goes to. */
  field: string;
}

export interface AnswersSectionView {
  key: string;
  title: string;
  rows: AnswerRow[];
}

/**
 * A participant's answers as the "check your answers" page lists them, in the reader's
 * language: every section with a question shown (a city that declines sees only its taking
 * part), each shown question with its answer or "not answered", a group's rows one line each.
 * Pure, so what a coordinator reads before submitting is a unit test.
 */
export function answersCheckView(questionnaire: Questionnaire, answers: Answers, t: Say, number: (n: number) => string): AnswersSectionView[] {
  const say = (text: LocalizedText) => sayText(t, text);
  const abouts = aboutOf(questionnaire.sections.flatMap((s) => s.questions));
  const all = questionnaire.sections.flatMap((s) => s.questions);
  const shown = new Set(visibleAmong(all, answers));
  return questionnaire.sections
    .map((s) => ({
      key: s.key,
      title: say(s.title),
      rows: s.questions
        .filter((q) => shown.has(q))
        .map((q): AnswerRow => {
          const about = abouts.get(q.key);
          return { label: say(q.label), ...(about ? { about: say(about) } : {}), lines: linesOf(q, answers[q.key], t, number), field: q.key };
        }),
    }))
    .filter((s) => s.rows.length);
}

/** An answer in words: one line, or several (evidence links, a group's rows); "not answered" when blank. */
export function linesOf(q: Question, answer: unknown, t: Say, number: (n: number) => string): string[] {
  if (!isAnswered(answer)) return [t('answersCheck.notAnswered')];
  if (q.type === 'group') {
    const rows = Array.isArray(answer) ? answer.filter(isRecord) : [];
    return rows.map((row, i) =>
      t('answersCheck.row', {
        n: i + 1,
        answers: visibleAmong(q.questions, row)
          .filter((item) => isAnswered(row[item.key]))
          .map((item) => `${sayText(t, item.label)}: ${lineOf(item, row[item.key], t, number)}`)
          .join('; '),
      }),
    );
  }
  if (q.type === 'evidence') return isRecord(answer) && Array.isArray(answer.links) ? answer.links.map(String) : [];
  return [lineOf(q, answer, t, number)];
}

function lineOf(q: ItemQuestion, answer: unknown, t: Say, number: (n: number) => string): string {
  const unit = 'unit' in q && q.unit ? ` ${sayText(t, q.unit)}` : '';
  switch (q.type) {
    case 'rating': {
      const level = q.levels.find((l) => l.key === answer);
      return level ? sayText(t, level.label) : String(answer);
    }
    case 'yesNo':
      return answer === true ? t('forms.yes') : answer === false ? t('forms.no') : String(answer);
    case 'choice': {
      const chosen = Array.isArray(answer) ? answer : [answer];
      return chosen
        .map((c) => q.options.find((o) => o.key === c))
        .map((o, i) => (o ? sayText(t, o.label) : String(chosen[i])))
        .join(', ');
    }
    case 'number':
      return typeof answer === 'number' ? `${number(answer)}${unit}` : String(answer);
    case 'indicator': {
      const parts = Object.fromEntries(
        INDICATOR_PARTS.map((part) => {
          const v = isRecord(answer) ? answer[part] : undefined;
          return [part, typeof v === 'number' ? number(v) : '–'];
        }),
      );
      return `${t('checkAnswers.values', parts)}${unit}`;
    }
    case 'evidence':
      return isRecord(answer) && Array.isArray(answer.links) ? answer.links.join(', ') : '';
    default:
      return String(answer);
  }
}
