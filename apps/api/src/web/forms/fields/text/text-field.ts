import type { FormProblem } from '../../../form-errors';
import { BaseField, characterOf, FieldType, firstText, FormRule, maxOf, say, Say, Worded } from '../field';

/** A text answer: one line (`text-input`) or several (`textarea`). */
export interface TextField extends BaseField {
  type: 'text';
  multiline?: boolean;
  /** The longest answer, when the rule's problem does not say it. */
  max?: number;
  width?: 'short' | 'medium';
  /** Off for codes and keys. */
  spellcheck?: false;
  /** A label styled as a row's (an item of a list, labelled "Obstacle 2"). */
  labelClass?: string;
}

/** Its rules and their messages: a short answer (name, title, unit) or free text alike. */
export const TEXT_RULES = {
  required: 'forms.errors.required',
  tooLong: 'forms.errors.tooLong',
  characters: 'forms.errors.characters',
  duplicate: 'forms.errors.duplicate',
  expected: 'forms.errors.expected',
  invalid: 'forms.errors.invalid',
} as const satisfies Partial<Record<FormRule | 'expected', string>>;

export const textField: FieldType<TextField> = {
  read: (body, field) => firstText(body[field.name]),
  message(rule: FormRule, p: FormProblem, field: TextField): Worded {
    if (rule === 'tooLong') return { key: TEXT_RULES.tooLong, params: { max: maxOf(p, field.max) } };
    if (rule === 'characters') return { key: TEXT_RULES.characters, params: characterOf(p) };
    if (rule === 'required' || rule === 'duplicate') return { key: TEXT_RULES[rule] };
    // Any other rule (a pattern, a range): what a valid answer looks like, when the field says it.
    return field.expected ? { key: TEXT_RULES.expected, params: { expected: field.expected } } : { key: TEXT_RULES.invalid };
  },
  view: (field, value, t: Say) => ({
    partial: field.multiline ? 'textarea' : 'text-input',
    field: {
      id: field.name,
      name: field.name,
      label: say(t, field.label),
      hint: say(t, field.hint),
      value,
      width: field.width,
      labelClass: field.labelClass,
      spellcheck: field.spellcheck,
    },
  }),
};
