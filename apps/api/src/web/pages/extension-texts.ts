import { FormProblem, sayCharacterProblem } from '../form-errors';
import type { Translator } from '../i18n/translator';

const BY_RULE: Record<string, string> = {
  'date-not-after-due': 'extension.error.afterCurrent',
  'date-not-future': 'extension.error.future',
  'date-after-compilation': 'extension.error.afterCompile',
};

/**
 * Says a problem of a new due date or its reason (an extension, a decision on a chair's request)
 * beside its input, in the reader's language: by the domain's rule (newDueDateProblems,
 * reasonProblems) with the date it names in the reader's time zone; a problem of the API's rules
 * (the DTO: not a date, too short) by the input it belongs to.
 */
export function extensionMessage(i18n: Translator) {
  return (p: FormProblem, field: string): string => {
    const characters = sayCharacterProblem(p, i18n.t);
    if (characters) return characters;
    if (field.startsWith('reason-')) return i18n.t('extension.error.reason');
    const key = p.rule ? BY_RULE[p.rule] : undefined;
    const date = p.params?.date;
    return key ? i18n.t(key, { date: date instanceof Date || typeof date === 'string' ? i18n.dateTime(date) : '' }) : i18n.t('extension.error.dueAt');
  };
}
