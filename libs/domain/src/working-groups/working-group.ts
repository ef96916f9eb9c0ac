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

/**
 * A programme's participant (see `Programme`): one field of action of the Pact, run by a chair,
 * or one signatory city of the Charter, whose coordinator is stored as its chair.
 */
export interface WorkingGroup {
  key: string;
  /** The programme it takes part in; a key is unique across programmes (it names the group in tasks and job ids). */
  programme: string;
  /** Its title: the Pact's field of action, a city's name. */
  fieldOfAction: LocalizedText;
  goal: LocalizedText;
  chair: Chair;
  /** A city's country (ISO 3166-1 alpha-2) and size band (a peer group of the network report). */
  country?: string;
  size?: string;
}

/** Keys are used in job ids and dotted Mongo paths: no ':' (BullMQ) and no '.' or '$' (MongoDB). */
export const KEY_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
