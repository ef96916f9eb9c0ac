import type { LocalizedText } from '@pact/domain';
import { BaseField, FieldType, firstText, FormRule, PageText, say, Say, sayLabel, Worded } from '../field';

/** One of a list of options (`select`), or several of them (`checkboxes`, posted as a repeated name). */
export interface ChoiceField extends BaseField {
  type: 'choice';
  options: { value: string; label: PageText | LocalizedText }[];
  multiple?: boolean;
  /** A select's first entry, standing for no choice yet ("Choose a status"). */
  placeholder?: PageText;
}

export const CHOICE_RULES = {
  choose: 'forms.errors.choose',
} as const satisfies Partial<Record<FormRule, string>>;

export const choiceField: FieldType<ChoiceField> = {
  read: (body, field) => {
    if (!field.multiple) return firstText(body[field.name]);
    const v = body[field.name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((s): s is string => typeof s === 'string');
  },
  // Missing, unknown or refused: the answer is always to choose one of the options shown.
  message: (_rule: FormRule): Worded => ({ key: CHOICE_RULES.choose }),
  view: (field, value, t: Say) => {
    const chosen = new Set(Array.isArray(value) ? value : [value]);
    const options = field.options.map((o) => ({ value: o.value, label: sayLabel(t, o.label), checked: chosen.has(o.value) }));
    // Checkboxes are a fieldset: the label is its legend.
    if (field.multiple)
      return {
        partial: 'checkboxes',
        field: { id: field.name, name: field.name, label: say(t, field.label), legend: say(t, field.label), hint: say(t, field.hint), value, options },
      };
    return {
      partial: 'select',
      field: {
        id: field.name,
        name: field.name,
        label: say(t, field.label),
        hint: say(t, field.hint),
        value,
        options: field.placeholder ? [{ value: '', label: say(t, field.placeholder) }, ...options] : options,
      },
    };
  },
};
