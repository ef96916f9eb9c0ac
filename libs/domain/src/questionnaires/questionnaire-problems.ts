import type { ContentProblem } from '../submissions/submission-content';
import { localizedTextProblems, type TextLanguages } from '../texts/localized-text';
import { isRecord, QUESTION_TYPES, type Question } from './questionnaire';

/** Keys name questions, sections, levels and options in answers, conditions and paths: letters, digits, '-' and '_', no dots or brackets. */
export const QUESTIONNAIRE_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

type Problem = Pick<ContentProblem, 'path' | 'message'>;
const isWhole = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/**
 * What is wrong with a questionnaire's definition (as configured: parsed YAML, so anything may
 * be missing or of another type): keys well-formed and unique (sections, questions across the
 * questionnaire, a group's questions within the group, levels and options within their
 * question), every text in each language the programme requires, each type's settings, and
 * conditions that refer to an EARLIER question (so visibility is decided in one pass and never
 * circular) and to its existing levels or options. Paths as `sections[1].questions[2].showWhen.question`.
 */
export function questionnaireProblems(q: unknown, languages: TextLanguages): Problem[] {
  if (!isRecord(q)) return [{ path: '', message: 'must be a questionnaire (key, version, name, sections)' }];
  const problems: Problem[] = [];
  keyProblems(problems, 'key', q.key);
  if (!isWhole(q.version, 1)) problems.push({ path: 'version', message: 'must be a whole number from 1' });
  textProblems(problems, 'name', q.name, languages);
  if (!Array.isArray(q.sections) || !q.sections.length) {
    problems.push({ path: 'sections', message: 'must list at least one section' });
    return problems;
  }
  const sectionKeys = new Set<string>();
  // Questions earlier in the questionnaire, across sections: what a condition may refer to.
  const earlier = new Map<string, Question>();
  const keys = keysOf(q.sections.flatMap((section: unknown) => (isRecord(section) && Array.isArray(section.questions) ? section.questions : [])));
  q.sections.forEach((section: unknown, s) => {
    const path = `sections[${s}]`;
    if (!isRecord(section)) return problems.push({ path, message: 'must be a section (key, title, questions)' });
    if (keyProblems(problems, `${path}.key`, section.key)) uniqueProblem(problems, `${path}.key`, section.key as string, sectionKeys, 'section');
    textProblems(problems, `${path}.title`, section.title, languages);
    if (section.intro !== undefined) textProblems(problems, `${path}.intro`, section.intro, languages);
    questionsProblems(problems, `${path}.questions`, section.questions, { earlier, keys }, languages, true);
  });
  return problems;
}

/**
 * What a condition may refer to: the questions before it (across sections, or in the same
 * group's row), and every key of the scope, so one used by a later question is named "later", not unknown.
 */
interface Scope {
  earlier: Map<string, Question>;
  keys: Set<string>;
}

const keysOf = (questions: unknown): Set<string> =>
  new Set(Array.isArray(questions) ? questions.flatMap((x: unknown) => (isRecord(x) && typeof x.key === 'string' ? [x.key] : [])) : []);

/** A list of questions (a section's, or a group's with its own scope): each, and conditions against `earlier`. */
function questionsProblems(problems: Problem[], path: string, questions: unknown, scope: Scope, languages: TextLanguages, groupsAllowed: boolean) {
  if (!Array.isArray(questions) || !questions.length) return problems.push({ path, message: 'must list at least one question' });
  const { earlier } = scope;
  for (const [i, question] of questions.entries()) {
    const at = `${path}[${i}]`;
    if (!isRecord(question)) {
      problems.push({ path: at, message: 'must be a question (key, type, label, required)' });
      continue;
    }
    const keyOk = keyProblems(problems, `${at}.key`, question.key);
    if (keyOk && earlier.has(question.key as string))
      problems.push({ path: `${at}.key`, message: `"${question.key as string}" is the key of an earlier question` });
    textProblems(problems, `${at}.label`, question.label, languages);
    if (question.hint !== undefined) textProblems(problems, `${at}.hint`, question.hint, languages);
    if (typeof question.required !== 'boolean') problems.push({ path: `${at}.required`, message: 'must be true or false' });
    if (question.showWhen !== undefined) conditionProblems(problems, `${at}.showWhen`, question.showWhen, scope);
    const typeOk = typeProblems(problems, at, question, languages, groupsAllowed);
    if (keyOk && typeOk && !earlier.has(question.key as string)) earlier.set(question.key as string, question as unknown as Question);
  }
}

/** The settings of the question's type; false when the type is unknown (so no condition can lean on it). */
function typeProblems(problems: Problem[], at: string, question: Record<string, unknown>, languages: TextLanguages, groupsAllowed: boolean): boolean {
  const type = question.type;
  if (typeof type !== 'string' || !(QUESTION_TYPES as readonly string[]).includes(type)) {
    problems.push({ path: `${at}.type`, message: `must be one of ${QUESTION_TYPES.join(', ')}` });
    return false;
  }
  switch (type) {
    case 'rating':
      labelledListProblems(problems, `${at}.levels`, question.levels, languages, 'level', (level, p) => {
        if (level.score !== undefined && (typeof level.score !== 'number' || !Number.isFinite(level.score)))
          problems.push({ path: `${p}.score`, message: 'must be a number, or left out for a level outside the scale (not applicable)' });
      });
      break;
    case 'number':
      if (question.unit !== undefined) textProblems(problems, `${at}.unit`, question.unit, languages);
      for (const bound of ['min', 'max'] as const)
        if (question[bound] !== undefined && (typeof question[bound] !== 'number' || !Number.isFinite(question[bound])))
          problems.push({ path: `${at}.${bound}`, message: 'must be a number' });
      if (typeof question.min === 'number' && typeof question.max === 'number' && question.min > question.max)
        problems.push({ path: `${at}.max`, message: `must not be below min (${question.min})` });
      if (question.whole !== undefined && typeof question.whole !== 'boolean') problems.push({ path: `${at}.whole`, message: 'must be true or false' });
      break;
    case 'indicator':
      if (question.unit !== undefined) textProblems(problems, `${at}.unit`, question.unit, languages);
      if (question.higherIsBetter !== undefined && typeof question.higherIsBetter !== 'boolean')
        problems.push({ path: `${at}.higherIsBetter`, message: 'must be true or false' });
      break;
    case 'text':
      if (question.length !== 'short' && question.length !== 'long') problems.push({ path: `${at}.length`, message: 'must be short (one line) or long' });
      if (!isWhole(question.maxLength, 1)) problems.push({ path: `${at}.maxLength`, message: 'must be a whole number from 1' });
      break;
    case 'choice':
      if (typeof question.multiple !== 'boolean') problems.push({ path: `${at}.multiple`, message: 'must be true (several options) or false (one)' });
      labelledListProblems(problems, `${at}.options`, question.options, languages, 'option');
      break;
    case 'yesNo':
      break;
    case 'evidence':
      for (const max of ['maxLinks', 'maxFiles'] as const)
        if (!isWhole(question[max], 0)) problems.push({ path: `${at}.${max}`, message: 'must be a whole number from 0' });
      if (question.maxLinks === 0 && question.maxFiles === 0) problems.push({ path: at, message: 'must allow links or files' });
      break;
    case 'group':
      if (!groupsAllowed) problems.push({ path: `${at}.type`, message: 'a group cannot stand in a group' });
      if (!isWhole(question.maxItems, 1)) problems.push({ path: `${at}.maxItems`, message: 'must be a whole number from 1' });
      // A row's questions are a scope of their own: their keys and conditions are the row's.
      questionsProblems(problems, `${at}.questions`, question.questions, { earlier: new Map(), keys: keysOf(question.questions) }, languages, false);
      break;
  }
  return true;
}

function conditionProblems(problems: Problem[], path: string, when: unknown, { earlier, keys }: Scope) {
  if (!isRecord(when) || typeof when.question !== 'string') return problems.push({ path: `${path}.question`, message: 'must name an earlier question' });
  const target = earlier.get(when.question);
  if (!target) {
    const why = keys.has(when.question)
      ? 'is not an earlier question (a condition refers only to questions before it)'
      : 'is no question of this questionnaire';
    return problems.push({ path: `${path}.question`, message: `"${when.question}" ${why}` });
  }
  const kinds = (['equals', 'in', 'answered'] as const).filter((k) => k in when);
  if (kinds.length !== 1) return problems.push({ path, message: 'must have exactly one of equals, in, answered' });
  const kind = kinds[0];
  if (kind === 'answered') {
    if (when.answered !== true) problems.push({ path: `${path}.answered`, message: 'must be true' });
    return;
  }
  if (target.type === 'yesNo') {
    if (kind !== 'equals' || typeof when.equals !== 'boolean')
      problems.push({ path: `${path}.${kind}`, message: `"${when.question}" is a yes/no question: use equals: true or equals: false` });
    return;
  }
  if (target.type !== 'rating' && target.type !== 'choice')
    return problems.push({ path: `${path}.${kind}`, message: `"${when.question}" is a ${target.type} question: only answered applies` });
  const allowed = (target.type === 'rating' ? target.levels : target.options).map((x) => x.key);
  const what = target.type === 'rating' ? 'level' : 'option';
  const values = kind === 'equals' ? [when.equals] : when.in;
  if (!Array.isArray(values) || !values.length) return problems.push({ path: `${path}.in`, message: `must list ${what}s of "${when.question}"` });
  values.forEach((v, i) => {
    if (typeof v !== 'string' || !allowed.includes(v))
      problems.push({
        path: kind === 'equals' ? `${path}.equals` : `${path}.in[${i}]`,
        message: `"${String(v)}" is no ${what} of "${when.question}" (${allowed.join(', ')})`,
      });
  });
}

/** Levels or options: a non-empty list, keys unique, labels in every language. */
function labelledListProblems(
  problems: Problem[],
  path: string,
  list: unknown,
  languages: TextLanguages,
  what: string,
  each?: (item: Record<string, unknown>, path: string) => void,
) {
  if (!Array.isArray(list) || !list.length) return problems.push({ path, message: `must list at least one ${what}` });
  const seen = new Set<string>();
  list.forEach((item: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(item)) return problems.push({ path: at, message: `must be a ${what} (key, label)` });
    if (keyProblems(problems, `${at}.key`, item.key)) uniqueProblem(problems, `${at}.key`, item.key as string, seen, what);
    textProblems(problems, `${at}.label`, item.label, languages);
    each?.(item, at);
  });
}

/** Whether the key is well-formed (a problem when not). */
function keyProblems(problems: Problem[], path: string, key: unknown): boolean {
  if (typeof key === 'string' && QUESTIONNAIRE_KEY.test(key)) return true;
  problems.push({ path, message: 'must be a key: letters, digits, - and _ (at most 80), starting with a letter or digit' });
  return false;
}

function uniqueProblem(problems: Problem[], path: string, key: string, seen: Set<string>, what: string) {
  if (seen.has(key)) problems.push({ path, message: `"${key}" is the key of an earlier ${what}` });
  seen.add(key);
}

/** The shared rule for configured texts, its "path: message" strings as problems. */
function textProblems(problems: Problem[], path: string, text: unknown, languages: TextLanguages) {
  for (const found of localizedTextProblems(path, text, languages)) {
    const cut = found.indexOf(': ');
    problems.push({ path: found.slice(0, cut), message: found.slice(cut + 2) });
  }
}
