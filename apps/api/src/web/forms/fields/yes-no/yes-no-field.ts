import { BaseField, FieldType, firstText, FormRule, radiosView, Say, Worded } from '../field';

/** Yes or no: two radios, posted as `yes` or `no` (the questionnaire's answer is true or false, see `answerOfYesNo`). */
export interface YesNoField extends BaseField {
  type: 'yesNo';
}

export const YES_NO_RULES = {
  choose: 'forms.errors.choose',
} as const satisfies Partial<Record<FormRule, string>>;

/** The posted value as the answer: true, false, or (neither) nothing. */
export const answerOfYesNo = (posted: string): boolean | undefined => (posted === 'yes' ? true : posted === 'no' ? false : undefined);

/** An answer as the posted value the radios check. */
export const postedOfYesNo = (answer: unknown): string => (answer === true ? 'yes' : answer === false ? 'no' : '');

export const yesNoField: FieldType<YesNoField> = {
  read: (body, field) => firstText(body[field.name]),
  message: (_rule: FormRule): Worded => ({ key: YES_NO_RULES.choose }),
  view: (field, value, t: Say) =>
    radiosView(field, value, t, [
      { value: 'yes', label: t('forms.yes') },
      { value: 'no', label: t('forms.no') },
    ]),
};
