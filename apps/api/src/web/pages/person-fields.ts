import { LANGUAGES } from '@pact/domain';
import type { PageState } from '../page-state';

/** Every IANA time zone this runtime knows: the choices of a person's time zone. */
export const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** The time zone select's options ("America/New_York" shown as "America/New York"). */
export function timeZoneOptions(): { value: string; label: string }[] {
  return TIME_ZONES.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}

/** A language code's name in the reader's language (de → "Deutsch" for a German reader). */
export function languageNames(page: PageState): (code: string) => string {
  const names = new Intl.DisplayNames([page.lang], { type: 'language' });
  return (code: string) => names.of(code) ?? code;
}

/** The languages e-mails are written in, named in the reader's language: a person's or chair's language select. */
export function messageLanguageOptions(page: PageState): { value: string; label: string }[] {
  const name = languageNames(page);
  return LANGUAGES.map((l) => ({ value: l, label: name(l) }));
}
