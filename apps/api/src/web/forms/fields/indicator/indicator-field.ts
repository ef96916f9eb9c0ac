import type { LocalizedText } from '@pact/domain';
import type { FormProblem } from '../../../form-errors';
import { BaseField, FieldType, firstText, FormRule, PageText, say, Say, Worded } from '../field';

/**
 * An indicator's values in the cycle: baseline, target and actual, three number inputs in one
 * fieldset (`indicator-values`), posted as `<name>-baseline`, `<name>-target`, `<name>-actual`
 * and read as typed, in that order. A problem of one part (`….target`) is shown at the fieldset,
 * naming the part.
 */
export interface IndicatorField extends BaseField {
  type: 'indicator';
  unit?: LocalizedText;
}

export const INDICATOR_PARTS = ['baseline', 'target', 'actual'] as const;
export type IndicatorPart = (typeof INDICATOR_PARTS)[number];

export const INDICATOR_RULES = {
  required: 'forms.errors.indicatorRequired',
  invalid: 'forms.errors.indicatorNumber',
} as const satisfies Partial<Record<FormRule, string>>;

/** The part a problem's path names (`answers.x.values.target`), if any. */
const partOf = (p: FormProblem): IndicatorPart | undefined => INDICATOR_PARTS.find((part) => p.path.endsWith(`.${part}`));

export const indicatorField: FieldType<IndicatorField> = {
  read: (body, field) => INDICATOR_PARTS.map((part) => firstText(body[`${field.name}-${part}`])),
  message(rule: FormRule, p: FormProblem): Worded {
    const part = partOf(p);
    // "Enter the target of …": the part named before the field, as the report form names an indicator's values.
    const which: PageText = { key: part ? `forms.indicator.named.${part}` : 'forms.indicator.named.values' };
    if (rule === 'required') return { key: INDICATOR_RULES.required, params: { part: which } };
    return { key: INDICATOR_RULES.invalid, params: { part: which, expected: { key: 'forms.expected.number' } } };
  },
  view: (field, value, t: Say) => {
    const values = Array.isArray(value) ? value : [];
    return {
      partial: 'indicator-values',
      field: {
        id: field.name,
        name: field.name,
        label: say(t, field.label),
        legend: say(t, field.label),
        hint: say(t, field.hint),
        value: values,
        parts: INDICATOR_PARTS.map((part, i) => ({
          id: i === 0 ? field.name : `${field.name}-${part}`,
          name: `${field.name}-${part}`,
          label: t(`forms.indicator.${part}`),
          value: values[i] ?? '',
          suffix: field.unit ? t('forms.text', { text: field.unit }) : undefined,
        })),
      },
    };
  },
};
