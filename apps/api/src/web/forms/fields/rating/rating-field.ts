import type { LocalizedText } from '@pact/domain';
import { BaseField, FieldType, firstText, FormRule, radiosView, Say, sayText, Worded } from '../field';

/**
 * A rating on labelled levels (the Charter's "fully / partly / not yet / not applicable"): one
 * radio per level, in the order the questionnaire gives them, in a fieldset the label is the legend of.
 */
export interface RatingField extends BaseField {
  type: 'rating';
  levels: { key: string; label: LocalizedText }[];
}

export const RATING_RULES = {
  choose: 'forms.errors.choose',
} as const satisfies Partial<Record<FormRule, string>>;

export const ratingField: FieldType<RatingField> = {
  read: (body, field) => firstText(body[field.name]),
  // Missing or a level it does not have: the answer is always to choose one of the levels shown.
  message: (_rule: FormRule): Worded => ({ key: RATING_RULES.choose }),
  view: (field, value, t: Say) =>
    radiosView(
      field,
      value,
      t,
      field.levels.map((l) => ({ value: l.key, label: sayText(t, l.label) })),
    ),
};
