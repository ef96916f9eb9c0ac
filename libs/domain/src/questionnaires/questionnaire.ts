import type { LocalizedText } from '../texts/localized-text';

/**
 * A questionnaire: what a programme asks its participants in one cycle (the Pact's report, the
 * Charter's self-evaluation), as sections of typed questions. A definition is identified by its
 * key and version: a cycle keeps the version it started with, so a new version never changes a
 * running cycle (the engine stores the definition with the cycle, as it snapshots templates).
 *
 * Answers are keyed by question key, flat across sections (a key is unique in the questionnaire),
 * so a condition, a stored answer and a problem's path (`answers.<key>`) name a question the
 * same way wherever its section is.
 */
export interface Questionnaire {
  key: string;
  version: number;
  name: LocalizedText;
  sections: QuestionnaireSection[];
}

export interface QuestionnaireSection {
  key: string;
  title: LocalizedText;
  /** Read before the section's questions (the Charter's note on service providers). */
  intro?: LocalizedText;
  questions: Question[];
}

/**
 * When a question is shown: after an earlier question's answer. `equals` a rating level, a
 * choice's option (for several choices: among those chosen) or yes/no; `in` one of several
 * levels or options; `answered` when the earlier question has any answer. A question whose
 * condition is false is hidden: it is not asked, not required, and its answer is not kept.
 */
export type ShowWhen = { question: string; equals: string | boolean } | { question: string; in: string[] } | { question: string; answered: true };

interface QuestionBase {
  key: string;
  label: LocalizedText;
  hint?: LocalizedText;
  /** Whether it must be answered when shown. */
  required: boolean;
  showWhen?: ShowWhen;
}

export interface RatingLevel {
  key: string;
  label: LocalizedText;
  /** What the level counts in distributions and averages; none for a level outside the scale ("not applicable"). */
  score?: number;
}

/** An ordinal rating on labelled levels (fully / partly / not yet / not applicable). Answer: a level's key. */
export interface RatingQuestion extends QuestionBase {
  type: 'rating';
  levels: RatingLevel[];
}

/** A number, optionally with a unit and bounds. Answer: a number. */
export interface NumberQuestion extends QuestionBase {
  type: 'number';
  unit?: LocalizedText;
  min?: number;
  max?: number;
  /** Whether only whole numbers are answers (a count of people). */
  whole?: boolean;
}

/**
 * An indicator's values in the cycle: baseline, target and actual (all three). The question
 * names the unit and the polarity when it defines the indicator; in a group whose items name
 * their own indicator (a chair's custom indicator) the unit is a sibling answer and both are left out.
 */
export interface IndicatorQuestion extends QuestionBase {
  type: 'indicator';
  unit?: LocalizedText;
  higherIsBetter?: boolean;
}

/** A text: `short` is one line (a title, a name), `long` several (a description). Answer: a string. */
export interface TextQuestion extends QuestionBase {
  type: 'text';
  length: 'short' | 'long';
  maxLength: number;
}

export interface ChoiceOption {
  key: string;
  label: LocalizedText;
}

/** One option (answer: its key) or several (answer: their keys, at least one when required). */
export interface ChoiceQuestion extends QuestionBase {
  type: 'choice';
  multiple: boolean;
  options: ChoiceOption[];
}

/** Yes or no. Answer: a boolean. */
export interface YesNoQuestion extends QuestionBase {
  type: 'yesNo';
}

/** Evidence: links (http or https) and files (references to stored uploads). */
export interface EvidenceQuestion extends QuestionBase {
  type: 'evidence';
  maxLinks: number;
  maxFiles: number;
}

/** A question that may stand in a group's item. */
export type ItemQuestion = RatingQuestion | NumberQuestion | IndicatorQuestion | TextQuestion | ChoiceQuestion | YesNoQuestion | EvidenceQuestion;

/**
 * A repeating group: rows of the same questions, added as needed (the Pact's measures, a
 * city's good practices, custom indicators). Answer: one answer set per row. Its questions'
 * keys are the row's own (unique within the group); a condition in a row refers to an earlier
 * question of the same row. Groups do not nest.
 */
export interface GroupQuestion extends QuestionBase {
  type: 'group';
  questions: ItemQuestion[];
  maxItems: number;
}

export type Question = ItemQuestion | GroupQuestion;
export type QuestionType = Question['type'];
export const QUESTION_TYPES: readonly QuestionType[] = ['rating', 'number', 'indicator', 'text', 'choice', 'yesNo', 'evidence', 'group'];

export interface IndicatorAnswer {
  baseline: number;
  target: number;
  actual: number;
}

export interface EvidenceAnswer {
  links: string[];
  /** References to stored files (their ids). */
  files: string[];
}

/** What a question's answer is, by type: see each question type. */
export type AnswerValue = string | number | boolean | string[] | IndicatorAnswer | EvidenceAnswer | Answers[];

/** A participant's answers, by question key. Answers arrive as parsed data of unknown shape; `answerProblems` checks each against its type. */
export type Answers = Record<string, unknown>;

/** Every question of a questionnaire in order (sections' questions one after the other; groups as one question). */
export function questionsOf(q: Questionnaire): Question[] {
  return q.sections.flatMap((s) => s.questions);
}

/** Whether parsed data is an object of named values (a set of answers, a row, a definition's part), not a list or a scalar. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
