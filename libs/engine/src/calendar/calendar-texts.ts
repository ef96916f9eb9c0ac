import { Provider } from '@nestjs/common';
import { Catalogs, fillPlaceholders, isLanguage } from '@pact/domain';
import { resolve } from 'node:path';
import { EngineSettings } from '../config/settings';
import { loadCatalogs } from '../texts/locales';

/**
 * The words of a calendar feed around its texts from configuration, in the feed owner's
 * language (English for languages without their own), from locales/<language>/calendar.yaml.
 */
export interface CalendarTexts {
  overdue: string;
  report: (cycle: string, milestone: string, field: string) => string;
  extendedFrom: (day: string) => string;
  submit: (link: string) => string;
  feedOf: (groups: string) => string;
  noGroup: string;
}

export const CALENDAR_CATALOGS = Symbol('CALENDAR_CATALOGS');

/** Read once at start; a missing key or placeholder stops the process (the one catalog check). */
export const calendarCatalogsProvider: Provider = {
  provide: CALENDAR_CATALOGS,
  inject: [EngineSettings],
  useFactory: (settings: EngineSettings) => loadCatalogs(resolve(settings.localesDir), 'calendar'),
};

export function calendarTexts(catalogs: Catalogs, language: string): CalendarTexts {
  const words = catalogs[isLanguage(language) ? language : 'en'];
  const fill = (key: string, values: Record<string, string>) => fillPlaceholders(words[key], (name) => values[name]);
  return {
    overdue: words.overdue,
    report: (cycle, milestone, field) => fill('report', { cycle, milestone, field }),
    extendedFrom: (day) => fill('extendedFrom', { day }),
    submit: (link) => fill('submit', { link }),
    feedOf: (groups) => fill('feedOf', { groups }),
    noGroup: words.noGroup,
  };
}
