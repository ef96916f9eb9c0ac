import type { ContentProblem } from '../submissions/submission-content';
import { textProblems } from '../texts/text-rules';
import { isAnswered, visibleAmong } from './conditions';
import type {
  Answers,
  ChoiceQuestion,
  EvidenceQuestion,
  ItemQuestion,
  NumberQuestion,
  Question,
  Questionnaire,
  RatingQuestion,
  TextQuestion,
} from './questionnaire';
import { isRecord, questionsOf } from './questionnaire';

/**
 * The rules an answer can break, each with the form rule it reads as on a page (the web form
 * model's `FormRule`, apps/api/src/web/forms/fields/field.ts): one table, so the form model's
 * `formRuleOf` can take these rows as they are. `range` and `url` are form rules the
 * questionnaire brings (a number outside its bounds, a link that is no web address); the rest
 * exist already.
 */
export const ANSWER_RULES = {
  required: 'required',
  'too-long': 'tooLong',
  'too-many': 'tooMany',
  'line-characters': 'characters',
  'text-characters': 'characters',
  'level-unknown': 'choose',
  'option-unknown': 'choose',
  'choose-one': 'choose',
  'not-yes-no': 'choose',
  duplicate: 'duplicate',
  'not-a-number': 'invalid',
  'not-whole': 'invalid',
  'below-min': 'range',
  'above-max': 'range',
  'not-a-url': 'url',
  'not-a-text': 'invalid',
  /** Not the shape of its type's answer: a list of rows or options, an object of answers, links and files. */
  'wrong-shape': 'invalid',
  'unknown-question': 'invalid',
} as const;
export type AnswerRule = keyof typeof ANSWER_RULES;

/** A problem with an answer: its path (`answers.<question>` and below), its rule, the rule's numbers. */
export interface AnswerProblem extends ContentProblem {
  rule: AnswerRule;
}

/** Longest link kept as evidence (longer is no address anyone typed). */
export const MAX_LINK_LENGTH = 2000;

const problem = (path: string, rule: AnswerRule, message: string, params?: Record<string, number>): AnswerProblem =>
  params ? { path, rule, message, params } : { path, rule, message };

/**
 * What is wrong with a participant's answers to a questionnaire: answers to unknown questions,
 * required questions left unanswered while shown, and each answer against its question's type.
 *
 * An answer to a hidden question (its condition false) is no problem: it is not checked and not
 * kept (`keptAnswers` drops it). Refusing it would make a city that declines after drafting
 * empty every answer it had typed, and a page without JavaScript posts every field it shows,
 * conditional or not; dropping means a stored submission never holds an answer to a question
 * that was not asked, which is what the reports count.
 */
export function answerProblems(q: Questionnaire, answers: unknown): AnswerProblem[] {
  if (!isRecord(answers)) return [problem('answers', 'wrong-shape', 'must be an object of answers by question key')];
  return answersProblems(questionsOf(q), answers, 'answers');
}

function answersProblems(questions: readonly Question[], answers: Answers, prefix: string): AnswerProblem[] {
  const known = new Set(questions.map((x) => x.key));
  const problems: AnswerProblem[] = Object.keys(answers)
    .filter((k) => !known.has(k))
    .map((k) => problem(`${prefix}.${k}`, 'unknown-question', `no question "${k}" here`));
  for (const question of visibleAmong(questions, answers)) {
    const path = `${prefix}.${question.key}`;
    const value = answers[question.key];
    if (!isAnswered(value)) {
      if (question.required) problems.push(problem(path, 'required', 'must be answered'));
      continue;
    }
    problems.push(...(question.type === 'group' ? groupProblems(question.questions, question.maxItems, value, path) : itemProblems(question, value, path)));
  }
  return problems;
}

function groupProblems(questions: readonly ItemQuestion[], maxItems: number, value: unknown, path: string): AnswerProblem[] {
  if (!Array.isArray(value)) return [problem(path, 'wrong-shape', 'must be a list of rows')];
  const problems: AnswerProblem[] = [];
  if (value.length > maxItems) problems.push(problem(path, 'too-many', `at most ${maxItems} rows`, { max: maxItems }));
  value.forEach((row, i) => {
    if (!isRecord(row)) problems.push(problem(`${path}[${i}]`, 'wrong-shape', 'must be an object of answers by question key'));
    else problems.push(...answersProblems(questions, row, `${path}[${i}]`));
  });
  return problems;
}

/** An answered question's answer against its type. */
function itemProblems(question: ItemQuestion, value: unknown, path: string): AnswerProblem[] {
  switch (question.type) {
    case 'rating':
      return ratingProblems(question, value, path);
    case 'number':
      return numberProblems(question, value, path);
    case 'indicator':
      return indicatorProblems(value, path);
    case 'text':
      return textAnswerProblems(question, value, path);
    case 'choice':
      return choiceProblems(question, value, path);
    case 'yesNo':
      return typeof value === 'boolean' ? [] : [problem(path, 'not-yes-no', 'must be yes (true) or no (false)')];
    case 'evidence':
      return evidenceProblems(question, value, path);
  }
}

function ratingProblems(question: RatingQuestion, value: unknown, path: string): AnswerProblem[] {
  const levels = question.levels.map((l) => l.key);
  return typeof value === 'string' && levels.includes(value) ? [] : [problem(path, 'level-unknown', `must be one of ${levels.join(', ')}`)];
}

function numberProblems(question: NumberQuestion, value: unknown, path: string): AnswerProblem[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [problem(path, 'not-a-number', 'must be a number')];
  if (question.whole && !Number.isInteger(value)) return [problem(path, 'not-whole', 'must be a whole number')];
  if (question.min !== undefined && value < question.min) return [problem(path, 'below-min', `must be at least ${question.min}`, rangeOf(question))];
  if (question.max !== undefined && value > question.max) return [problem(path, 'above-max', `must be at most ${question.max}`, rangeOf(question))];
  return [];
}

/** The bounds a range message names ("from 0 to 120"), whichever one was crossed. */
const rangeOf = (question: NumberQuestion): Record<string, number> => ({
  ...(question.min !== undefined ? { min: question.min } : {}),
  ...(question.max !== undefined ? { max: question.max } : {}),
});

/** All three values, each a number (a part left out is named, so a page marks that input). */
function indicatorProblems(value: unknown, path: string): AnswerProblem[] {
  if (!isRecord(value)) return [problem(path, 'not-a-number', 'must give baseline, target and actual, as numbers')];
  return (['baseline', 'target', 'actual'] as const).flatMap((part) => {
    const v = value[part];
    if (!isAnswered(v)) return [problem(`${path}.${part}`, 'required', `the ${part} must be given`)];
    return typeof v === 'number' && Number.isFinite(v) ? [] : [problem(`${path}.${part}`, 'not-a-number', 'must be a number')];
  });
}

function textAnswerProblems(question: TextQuestion, value: unknown, path: string): AnswerProblem[] {
  if (typeof value !== 'string') return [problem(path, 'not-a-text', 'must be a text')];
  if (value.length > question.maxLength) return [problem(path, 'too-long', `at most ${question.maxLength} characters`, { max: question.maxLength })];
  return textProblems(path, value, question.length === 'short' ? 'line' : 'text');
}

function choiceProblems(question: ChoiceQuestion, value: unknown, path: string): AnswerProblem[] {
  const options = question.options.map((o) => o.key);
  const unknown = (p: string) => problem(p, 'option-unknown', `must be one of ${options.join(', ')}`);
  if (!question.multiple) {
    if (Array.isArray(value)) return [problem(path, 'choose-one', 'choose one option')];
    return typeof value === 'string' && options.includes(value) ? [] : [unknown(path)];
  }
  if (!Array.isArray(value)) return [problem(path, 'wrong-shape', 'must be a list of options')];
  return value.flatMap((v, i) => {
    if (typeof v !== 'string' || !options.includes(v)) return [unknown(`${path}[${i}]`)];
    return value.indexOf(v) < i ? [problem(`${path}[${i}]`, 'duplicate', `"${v}" chosen twice`)] : [];
  });
}

function evidenceProblems(question: EvidenceQuestion, value: unknown, path: string): AnswerProblem[] {
  if (!isRecord(value)) return [problem(path, 'wrong-shape', 'must give links and files')];
  return [
    ...listProblems(value.links, question.maxLinks, `${path}.links`, linkProblems),
    ...listProblems(value.files, question.maxFiles, `${path}.files`, (file, p) =>
      typeof file === 'string' && file.trim() ? textProblems(p, file, 'line') : [problem(p, 'not-a-text', 'must name a stored file')],
    ),
  ];
}

function listProblems(list: unknown, max: number, path: string, each: (v: unknown, path: string) => AnswerProblem[]): AnswerProblem[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return [problem(path, 'wrong-shape', 'must be a list')];
  const problems: AnswerProblem[] = list.length > max ? [problem(path, 'too-many', `at most ${max}`, { max })] : [];
  list.forEach((v, i) => {
    const own = each(v, `${path}[${i}]`);
    problems.push(...own);
    if (!own.length && list.indexOf(v) < i) problems.push(problem(`${path}[${i}]`, 'duplicate', 'given twice'));
  });
  return problems;
}

/** A link must be a web address (http or https), one line, of a sensible length. */
function linkProblems(link: unknown, path: string): AnswerProblem[] {
  if (typeof link !== 'string') return [problem(path, 'not-a-url', 'must be a web address (http:// or https://)')];
  // Before parsing: the URL parser silently drops line breaks and tabs, which would store something else than typed.
  const characters = textProblems(path, link, 'line');
  if (characters.length) return characters;
  if (link.length > MAX_LINK_LENGTH) return [problem(path, 'too-long', `at most ${MAX_LINK_LENGTH} characters`, { max: MAX_LINK_LENGTH })];
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return [problem(path, 'not-a-url', 'must be a web address (http:// or https://)')];
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname
    ? []
    : [problem(path, 'not-a-url', 'must be a web address (http:// or https://)')];
}

/**
 * The answers a submission keeps: those of shown questions that are answered (rows of a group
 * likewise), nothing else, so a stored submission holds only what was asked.
 */
export function keptAnswers(q: Questionnaire, answers: Answers): Answers {
  return keptAmong(questionsOf(q), answers);
}

function keptAmong(questions: readonly Question[], answers: Answers): Answers {
  const kept: Answers = {};
  for (const question of visibleAmong(questions, answers)) {
    const value = answers[question.key];
    if (!isAnswered(value)) continue;
    kept[question.key] =
      question.type === 'group' && Array.isArray(value) ? value.map((row) => (isRecord(row) ? keptAmong(question.questions, row) : row)) : value;
  }
  return kept;
}
