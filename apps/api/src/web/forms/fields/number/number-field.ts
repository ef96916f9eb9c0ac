import type { LocalizedText } from '@pact/domain';
import type { FormProblem } from '../../../form-errors';
import { BaseField, FieldType, firstText, FormRule, maxOf, say, Say, Worded } from '../field';

/**
 * A number as people type it ("12,5", "1 200"), kept as text so it comes back as typed; the
 * draft's or command's rules parse it. Shown with its unit after it (`value-input`).
 */
export interface NumberField extends BaseField {
  type: 'number';
  unit?: LocalizedText;
}

export const NUMBER_RULES = {
  required: 'forms.errors.required',
  notANumber: 'forms.errors.notANumber',
  tooLong: 'forms.errors.tooLong',
} as const satisfies Partial<Record<FormRule, string>>;

export const numberField: FieldType<NumberField> = {
  read: (body, field) => firstText(body[field.name]),
  message(rule: FormRule, p: FormProblem): Worded {
    if (rule === 'required') return { key: NUMBER_RULES.required };
    // Longer than a draft keeps: not a number anyone typed.
    if (rule === 'tooLong') return { key: NUMBER_RULES.tooLong, params: { max: maxOf(p, undefined) } };
    // Whatever else a value breaks (a type, a range), the answer is to type a number.
    return { key: NUMBER_RULES.notANumber };
  },
  view: (field, value, t: Say) => ({
    partial: 'value-input',
    field: { id: field.name, name: field.name, label: say(t, field.label), hint: say(t, field.hint), value, suffix: field.unit },
  }),
};
