import type { Language } from '../texts/languages';
import type { LocalizedText } from '../texts/localized-text';

export interface Chair {
  name: string;
  email: string;
  language: Language;
  /** IANA time zone for dates in messages; DEFAULT_TIME_ZONE when absent. */
  timeZone?: string;
}

/** The Pact's secretariat sits in Brussels: dates are shown in its time zone unless a chair says otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** One field of action of the Pact (or one signatory of a charter), run by a chair. */
export interface WorkingGroup {
  key: string;
  fieldOfAction: LocalizedText;
  goal: LocalizedText;
  chair: Chair;
}

/** Keys are used in job ids and dotted Mongo paths: no ':' (BullMQ) and no '.' or '$' (MongoDB). */
export const KEY_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
