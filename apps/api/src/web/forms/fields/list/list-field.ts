import type { FormProblem } from '../../../form-errors';
import { BaseField, FieldType, FormRule, maxOf, Worded } from '../field';

/**
 * A list of rows a person adds to and removes from (a fieldset, its rows' fields defined on
 * their own): problems of the whole list, such as too many rows, are shown at its fieldset.
 */
export interface ListField extends BaseField {
  type: 'list';
  max?: number;
}

export const LIST_RULES = {
  tooMany: 'forms.errors.tooMany',
  invalid: 'forms.errors.invalid',
} as const satisfies Partial<Record<FormRule, string>>;

export const listField: FieldType<ListField> = {
  // A list has no input of its own: its rows are read as fields.
  read: () => '',
  message(rule: FormRule, p: FormProblem, field: ListField): Worded {
    return rule === 'tooMany' ? { key: LIST_RULES.tooMany, params: { max: maxOf(p, field.max) } } : { key: LIST_RULES.invalid };
  },
  // Rendered by the page as a fieldset around its rows; the view gives it an id to link to.
  view: (field) => ({ partial: 'fieldset', field: { id: field.name, name: field.name, label: '', value: '' } }),
};
