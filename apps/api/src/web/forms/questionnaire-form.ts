import {
  Answers,
  isAnswered,
  isRecord,
  ItemQuestion,
  keptAnswers,
  LocalizedText,
  parseDraftNumber,
  Question,
  Questionnaire,
  questionsOf,
  visibleAmong,
} from '@pact/domain';
import type { PageText } from './fields/field';
import { INDICATOR_PARTS } from './fields/indicator/indicator-field';
import { linksOf } from './fields/links/links-field';
import { answerOfYesNo, postedOfYesNo } from './fields/yes-no/yes-no-field';
import { FieldDefinition, FormModel, FormValues } from './form-model';

/**
 * A questionnaire as a form of the one form model: each question is a field of its type's
 * (rating, yes/no, choice, number, text, indicator, evidence as links; a group a list of rows of
 * them), posted under its key (a group's row's under `<group>-<row>-<key>`), at the path its
 * answer's problems name (`answers.<key>`, `answers.<group>[<row>].<key>`), so `answerProblems`
 * is worded beside its field by the form model.
 *
 * Conditional questions: the form holds the questions shown for the answers it is built from
 * (`visibleAmong`), never a hidden one, so a hidden question is neither rendered nor required.
 * Without JavaScript a page cannot show a question the moment its condition comes true: it
 * posts the answers so far ("Continue") and is built again from them, now with the questions
 * they bring up; answering and checking are the same post, checked or not. Reading a post
 * drops answers to questions hidden by it (`keptAnswers`), as a stored submission does.
 *
 * A group shows its answered rows and one blank row to add (until it has its most): without
 * JavaScript a row is added by filling the blank one and continuing.
 */
export interface QuestionnaireForm {
  model: FormModel;
  sections: FormSection[];
  /** The answers as the fields show them. */
  values: FormValues;
}

export interface FormSection {
  key: string;
  title: LocalizedText;
  intro?: LocalizedText;
  items: FormItem[];
}

/**
 * A question's field, or a group's rows of fields (by name). `about`: the rating question a
 * follow-up question is about (the Charter asks "Describe the measures" under each of its 11
 * commitments, one wording): the page adds it to the label for screen readers and the messages
 * name it, so eleven fields of one label are told apart.
 */
export type FormItem =
  { field: string; about?: LocalizedText } | { group: string; label: LocalizedText; hint?: LocalizedText; rows: string[][]; about?: LocalizedText };

/** How a message names a question ("an answer to “Name” (row 2 of “Indicators”)"), with the commitment it is about when it has one. */
const namedQuestion = (q: Question, row?: { n: number; group: Question }, about?: LocalizedText): PageText => {
  const named: PageText = row
    ? { key: 'questionnaireForm.named.row', params: { text: q.label, n: row.n, group: row.group.label } }
    : { key: 'questionnaireForm.named.question', params: { text: q.label } };
  return about ? { key: 'questionnaireForm.named.about', params: { named, about } } : named;
};

/**
 * The rating question each follow-up question is about: the one its condition refers to, when
 * that is a rating (the Charter's measures, evidence and indicators of a commitment).
 */
export function aboutOf(questions: readonly Question[]): Map<string, LocalizedText> {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const about = new Map<string, LocalizedText>();
  for (const q of questions) {
    const parent = q.showWhen ? byKey.get(q.showWhen.question) : undefined;
    if (parent?.type === 'rating') about.set(q.key, parent.label);
  }
  return about;
}

const text = (t: LocalizedText): PageText => ({ key: 'forms.text', params: { text: t } });

/** The field of one (non-group) question, posted as `name`, its answer at `path`. */
function fieldOf(q: ItemQuestion, name: string, path: string, named: PageText): FieldDefinition {
  const common = { name, path, label: text(q.label), named, ...(q.hint ? { hint: text(q.hint) } : {}) };
  switch (q.type) {
    case 'rating':
      return { ...common, type: 'rating', levels: q.levels };
    case 'yesNo':
      return { ...common, type: 'yesNo' };
    case 'choice':
      return { ...common, type: 'choice', multiple: q.multiple, options: q.options.map((o) => ({ value: o.key, label: text(o.label) })) };
    case 'number':
      return { ...common, type: 'number', whole: q.whole, ...(q.unit ? { unit: q.unit } : {}) };
    case 'text':
      return { ...common, type: 'text', multiline: q.length === 'long', max: q.maxLength };
    case 'indicator':
      return { ...common, type: 'indicator', ...(q.unit ? { unit: q.unit } : {}) };
    case 'evidence':
      // Links for now: files come with uploads. A problem of the evidence as a whole is the links'.
      return { ...common, type: 'links', path: `${path}.links`, also: [path], max: q.maxLinks };
  }
}

/** The value a field shows for an answer (a number as typed when it was not one). */
function valueOf(q: ItemQuestion, answer: unknown): string | string[] {
  if (!isAnswered(answer)) return q.type === 'indicator' ? ['', '', ''] : '';
  switch (q.type) {
    case 'yesNo':
      return typeof answer === 'boolean' ? postedOfYesNo(answer) : String(answer);
    case 'choice':
      return Array.isArray(answer) ? answer.map(String) : String(answer);
    case 'indicator':
      return INDICATOR_PARTS.map((part) => (isRecord(answer) && answer[part] !== undefined ? String(answer[part]) : ''));
    case 'evidence':
      return isRecord(answer) && Array.isArray(answer.links) ? answer.links.join('\n') : '';
    default:
      return typeof answer === 'string' || typeof answer === 'number' ? String(answer) : '';
  }
}

/** A posted value as the question's answer (undefined when blank; a number as typed when it is not one, so its rule names it). */
function answerOf(q: ItemQuestion, posted: string | string[]): unknown {
  const one = Array.isArray(posted) ? '' : posted;
  switch (q.type) {
    case 'yesNo':
      return answerOfYesNo(one) ?? (one.trim() ? one : undefined);
    case 'choice':
      return q.multiple ? (Array.isArray(posted) && posted.length ? posted : undefined) : one || undefined;
    case 'number':
      return parseDraftNumber(one);
    case 'indicator': {
      const parts = Array.isArray(posted) ? posted : [];
      const value = Object.fromEntries(INDICATOR_PARTS.map((part, i) => [part, parseDraftNumber(parts[i] ?? '')]).filter(([, v]) => v !== undefined));
      return isAnswered(value) ? value : undefined;
    }
    case 'evidence': {
      const links = linksOf(one);
      return links.length ? { links, files: [] } : undefined;
    }
    default:
      return isAnswered(one) ? one : undefined;
  }
}

/** The rows a group shows: those answered, and one blank to add while it may have more. */
const rowsShown = (group: Question & { type: 'group' }, answer: unknown): Answers[] => {
  const rows = Array.isArray(answer) ? answer.map((r) => (isRecord(r) ? r : {})) : [];
  return rows.length < group.maxItems ? [...rows, {}] : rows;
};

const rowName = (group: string, i: number, key: string) => `${group}-${i}-${key}`;

/** The form of a questionnaire for the answers so far: the questions they show, with their answers. */
export function questionnaireForm(questionnaire: Questionnaire, answers: Answers): QuestionnaireForm {
  const fields: FieldDefinition[] = [];
  const values: FormValues = {};
  const add = (q: ItemQuestion, name: string, path: string, named: PageText, answer: unknown) => {
    fields.push(fieldOf(q, name, path, named));
    values[name] = valueOf(q, answer);
  };
  // Visibility over the whole questionnaire: a condition may refer to an earlier section's question.
  const shown = new Set(visibleAmong(questionsOf(questionnaire), answers));
  const abouts = aboutOf(questionsOf(questionnaire));
  const sections = questionnaire.sections.map((section): FormSection => {
    const items = section.questions
      .filter((q) => shown.has(q))
      .map((q): FormItem => {
        const about = abouts.get(q.key);
        const withAbout = about ? { about } : {};
        if (q.type !== 'group') {
          add(q, q.key, `answers.${q.key}`, namedQuestion(q, undefined, about), answers[q.key]);
          return { field: q.key, ...withAbout };
        }
        const groupNamed: PageText = { key: 'questionnaireForm.named.group', params: { text: q.label } };
        fields.push({
          type: 'list',
          name: q.key,
          path: `answers.${q.key}`,
          label: text(q.label),
          named: about ? { key: 'questionnaireForm.named.about', params: { named: groupNamed, about } } : groupNamed,
          max: q.maxItems,
        });
        const rows = rowsShown(q, answers[q.key]).map((row, i) =>
          visibleAmong(q.questions, row).map((item) => {
            const name = rowName(q.key, i, item.key);
            add(item, name, `answers.${q.key}[${i}].${item.key}`, namedQuestion(item, { n: i + 1, group: q }, about), row[item.key]);
            return name;
          }),
        );
        return { group: q.key, label: q.label, ...(q.hint ? { hint: q.hint } : {}), rows, ...withAbout };
      });
    return { key: section.key, title: section.title, ...(section.intro ? { intro: section.intro } : {}), items };
  });
  return { model: new FormModel(fields), sections, values };
}

/**
 * The answers a posted body gives: every question's field that was posted, as its type's
 * answer, then only those of questions the answers show (`keptAnswers`). A group's rows are
 * those with any answer, in order (a blank row is no row).
 */
export function readQuestionnaireAnswers(questionnaire: Questionnaire, body: Record<string, unknown>): Answers {
  const all = questionsOf(questionnaire);
  const posted = (q: ItemQuestion, name: string): unknown => {
    const def = fieldOf(q, name, '', { key: '' });
    return answerOf(q, new FormModel([def]).read(body)[name]);
  };
  const answers: Answers = {};
  for (const q of all) {
    if (q.type !== 'group') {
      const a = posted(q, q.key);
      if (a !== undefined) answers[q.key] = a;
      continue;
    }
    const rows: Answers[] = [];
    for (let i = 0; i < q.maxItems; i++) {
      const row: Answers = {};
      for (const item of q.questions) {
        const a = posted(item, rowName(q.key, i, item.key));
        if (a !== undefined) row[item.key] = a;
      }
      if (Object.keys(row).length) rows.push(row);
    }
    if (rows.length) answers[q.key] = rows;
  }
  return keptAnswers(questionnaire, answers);
}
