import type { LocalizedText } from '@pact/domain';
import type { FormProblem } from '../../../form-errors';
import { BaseField, FieldType, firstText, FormRule, maxOf, PageText, say, Say, Worded } from '../field';

/**
 * A number as people type it ("12,5", "1 200"), kept as text so it comes back as typed; the
 * draft's or command's rules parse it. Shown with its unit after it (`value-input`).
 */
export interface NumberField extends BaseField {
  type: 'number';
  unit?: LocalizedText;
  /** A whole number (a month, a count of days): a short text input with the numeric keyboard. */
  whole?: boolean;
}

export const NUMBER_RULES = {
  required: 'forms.errors.required',
  tooLong: 'forms.errors.tooLong',
  expected: 'forms.errors.expected',
  range: 'forms.errors.range',
  atLeast: 'forms.errors.atLeast',
  atMost: 'forms.errors.atMost',
} as const satisfies Partial<Record<FormRule | 'expected' | 'atLeast' | 'atMost', string>>;

/** A number unless the field says more precisely ("a whole number from 0 to 120"). */
const A_NUMBER: PageText = { key: 'forms.expected.number' };

/** Outside its bounds: the bounds the problem names, both when it has both. */
function rangeMessage(p: FormProblem): Worded {
  const { min, max } = p.params ?? {};
  if (typeof min === 'number' && typeof max === 'number') return { key: NUMBER_RULES.range, params: { min, max } };
  return typeof min === 'number' ? { key: NUMBER_RULES.atLeast, params: { min } } : { key: NUMBER_RULES.atMost, params: { max: maxOf(p, undefined) } };
}

export const numberField: FieldType<NumberField> = {
  read: (body, field) => firstText(body[field.name]),
  message(rule: FormRule, p: FormProblem, field: NumberField): Worded {
    if (rule === 'required') return { key: NUMBER_RULES.required };
    // Longer than a draft keeps: not a number anyone typed.
    if (rule === 'tooLong') return { key: NUMBER_RULES.tooLong, params: { max: maxOf(p, undefined) } };
    if (rule === 'range') return rangeMessage(p);
    // Whatever else a value breaks (a type, a range), the answer is to type a number (of the range the field says).
    return { key: NUMBER_RULES.expected, params: { expected: field.expected ?? A_NUMBER } };
  },
  view: (field, value, t: Say) => {
    const common = { id: field.name, name: field.name, label: say(t, field.label), hint: say(t, field.hint), value };
    return field.whole
      ? { partial: 'text-input', field: { ...common, inputmode: 'numeric', width: 'short' } }
      : { partial: 'value-input', field: { ...common, suffix: field.unit } };
  },
};
