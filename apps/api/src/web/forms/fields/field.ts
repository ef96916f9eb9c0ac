import { ANSWER_RULES, type LocalizedText } from '@pact/domain';
import type { FormProblem } from '../../form-errors';

/**
 * What every field type shares. A field definition says where an answer goes in and comes
 * out: the name it is posted under (also the input's id, what an error links to), the path of
 * the value in the draft or command it feeds (`measures[2].title`), how the page labels it, how
 * messages name it, and its type. A field type (one folder under fields/) reads its posted
 * value, knows which rules an answer of its type can break and the message of each (catalog
 * keys under `forms.errors`, one per rule, the field named by a parameter), and builds what its
 * template partial (apps/api/web/views/components/<partial>.eta) renders.
 */

/** A page text: a catalog key with its parameters. */
export interface PageText {
  key: string;
  /** A parameter may be a page text itself ("the target of {indicator}", the indicator "your indicator {n}"). */
  params?: Record<string, LocalizedText | number | PageText>;
}

export type Say = (key: string, params?: Record<string, LocalizedText | number>) => string;

const isPageText = (v: unknown): v is PageText => typeof v === 'object' && v !== null && typeof (v as PageText).key === 'string';

/** A page text in the reader's words. */
export function say(t: Say, text: PageText): string;
export function say(t: Say, text: PageText | undefined): string | undefined;
export function say(t: Say, text: PageText | undefined): string | undefined {
  if (!text) return undefined;
  const params: Record<string, LocalizedText | number> = {};
  for (const [k, v] of Object.entries(text.params ?? {})) params[k] = isPageText(v) ? say(t, v) : v;
  return t(text.key, params);
}

/** A text of the configuration (a question's label, a rating's level) in the reader's words. */
export const sayText = (t: Say, text: LocalizedText): string => t('forms.text', { text });

/** A label that is a page text or a text of the configuration (a template's status, a group's name). */
export const sayLabel = (t: Say, l: PageText | LocalizedText): string | LocalizedText => (isPageText(l) ? say(t, l) : l);

/** The rules a form words, whoever decided them (the API's class-validator rules, the domain's, the engine's). */
export type FormRule = 'required' | 'tooLong' | 'tooMany' | 'choose' | 'duplicate' | 'characters' | 'invalid' | 'range' | 'url';

/**
 * The rule names of the API's DTOs (class-validator) and of the domain, as the form's rules: the
 * one table translating them, so a field type only says which form rules it has.
 */
const FORM_RULE_OF: Record<string, FormRule> = {
  // The questionnaire's answer rules say their form rule themselves (libs/domain/src/questionnaires/answer-problems.ts).
  ...ANSWER_RULES,
  isNotEmpty: 'required',
  isDefined: 'required',
  'custom-indicator-incomplete': 'required',
  maxLength: 'tooLong',
  'too-long': 'tooLong',
  arrayMaxSize: 'tooMany',
  'too-many': 'tooMany',
  isIn: 'choose',
  isEnum: 'choose',
  'status-unknown': 'choose',
  'indicator-twice': 'duplicate',
  isSingleLineText: 'characters',
  isMultiLineText: 'characters',
  'line-characters': 'characters',
  'text-characters': 'characters',
};

/** The form rule a problem broke: a missing answer is "required" whatever rule noticed it. */
export function formRuleOf(p: FormProblem): FormRule {
  if (p.params?.missing) return 'required';
  return (p.rule && FORM_RULE_OF[p.rule]) || 'invalid';
}

/** What a field has whatever its type. */
export interface BaseField {
  /** Posted name and the input's id. */
  name: string;
  /** Where the value goes in the draft or command (`measures[2].title`, `indicators.<key>.baseline`). */
  path: string;
  /** Further paths whose problems belong to this field (a custom indicator's key is its name's). */
  also?: string[];
  /** The label beside the input. */
  label: PageText;
  /** The field as a message names it ("the title of measure 3"), in the grammatical form the `forms.errors` sentences take. */
  named: PageText;
  hint?: PageText;
  /** What a valid answer looks like, for the message of any rule the type has no message of its own for ("a whole number from 0 to 120"). */
  expected?: PageText;
}

/** What a partial renders: the components' `field` object (id, name, label, hint, value and the type's own). */
export interface FieldView {
  partial: string;
  field: { id: string; name: string; label: string; hint?: string; value: string | string[] } & Record<string, unknown>;
}

/** A problem as a field type words it: a catalog key (one per rule) and its parameters besides the field's name. */
export interface Worded {
  key: string;
  params?: Record<string, LocalizedText | number | PageText>;
}

export interface FieldType<F extends BaseField> {
  /** The posted value, as typed (a repeated name gives its first value, unless the type takes several). */
  read(body: Record<string, unknown>, field: F): string | string[];
  /** The message of the rule a problem broke (the type's catch-all when it has no such rule). */
  message(rule: FormRule, p: FormProblem, field: F): Worded;
  /** The view model of its partial. */
  view(field: F, value: string | string[], t: Say): FieldView;
}

/** The first posted value of a name, as typed. */
export const firstText = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The `max` a problem names (its own, else the field's). */
export const maxOf = (p: FormProblem, fallback: number | undefined): number => (typeof p.params?.max === 'number' ? p.params.max : (fallback ?? 0));

/** A text-holding character problem's character and position ("found U+202E at position 3" when only the message says it). */
export function characterOf(p: FormProblem): { char: string; position: number } {
  if (typeof p.params?.char === 'string') return { char: p.params.char, position: Number(p.params.position) + 1 };
  const m = /found (U\+[0-9A-F]+) at position (\d+)/.exec(p.message);
  return m ? { char: m[1], position: Number(m[2]) + 1 } : { char: '?', position: 1 };
}

/**
 * One choice among radios in a fieldset the label is the legend of: what the rating and yes/no
 * types share (they differ only in their options and how a posted value becomes an answer).
 */
export function radiosView(field: BaseField, value: string | string[], t: Say, options: { value: string; label: string }[]): FieldView {
  return {
    partial: 'radios',
    field: { id: field.name, name: field.name, label: say(t, field.label), legend: say(t, field.label), hint: say(t, field.hint), value, options },
  };
}
