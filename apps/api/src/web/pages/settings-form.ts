import { isLanguage } from '@pact/domain';
import type { FormProblem } from '../form-errors';
import { TIME_ZONES } from './person-fields';

/** What "Your settings" sends: the language of pages and e-mails, and the time zone dates are read in. */
export interface SettingsValues {
  language: string;
  timeZone: string;
}

/** Where each field's problem is worded (the same words whether the page or the engine found it). */
export const SETTINGS_MESSAGES: Record<string, string> = { language: 'settings.chooseLanguage', timeZone: 'settings.chooseTimeZone' };

/**
 * The settings form read from its body: the values as typed (to show again) and the problems of
 * each, a language of ours and a time zone this runtime knows. Pure, so each branch is a unit test.
 */
export function settingsForm(body: Record<string, unknown>): { values: SettingsValues; problems: FormProblem[] } {
  const values = { language: typeof body.language === 'string' ? body.language : '', timeZone: typeof body.timeZone === 'string' ? body.timeZone : '' };
  const problems: FormProblem[] = [];
  if (!isLanguage(values.language)) problems.push({ path: 'language', message: 'must be one of the languages offered' });
  if (!TIME_ZONES.includes(values.timeZone)) problems.push({ path: 'timeZone', message: 'must be a time zone from the list' });
  return { values, problems };
}
