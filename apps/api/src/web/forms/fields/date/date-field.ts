import type { FormProblem } from '../../../form-errors';
import { BaseField, FieldType, firstText, FormRule, PageText, say, Say, Worded } from '../field';

/** A day (`2031-01-01`), typed or picked (a date input where the browser has one, else text). */
export interface DateField extends BaseField {
  type: 'date';
}

export const DATE_RULES = {
  required: 'forms.errors.required',
  expected: 'forms.errors.expected',
} as const satisfies Partial<Record<FormRule | 'expected', string>>;

const A_DATE: PageText = { key: 'forms.expected.date' };

export const dateField: FieldType<DateField> = {
  read: (body, field) => firstText(body[field.name]).trim(),
  // Not a date, or not one the rules take: say what a date looks like (or what the field wants instead).
  message: (rule: FormRule, _p: FormProblem, field: DateField): Worded =>
    rule === 'required' ? { key: DATE_RULES.required } : { key: DATE_RULES.expected, params: { expected: field.expected ?? A_DATE } },
  view: (field, value, t: Say) => ({
    partial: 'text-input',
    field: { id: field.name, name: field.name, label: say(t, field.label), hint: say(t, field.hint), value, type: 'date', width: 'date' },
  }),
};
