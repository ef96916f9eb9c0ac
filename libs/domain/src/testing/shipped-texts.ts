import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ReportWords, reportWordsIn, timelineMarkWordsIn } from '../reports/render/report-words';
import type { TimelineMarkWords } from '../reports/timeline';
import { Catalogs, flattenCatalog } from '../texts/catalogs';
import { LANGUAGES } from '../texts/languages';

/** The repository's locales/ folder: the shipped catalogs, which unit tests render with (the engine reads them at start). */
export const SHIPPED_LOCALES = join(__dirname, '..', '..', '..', '..', 'locales');

/** One area's shipped catalogs, as flat keys per language. */
export function shippedCatalogs(area: 'pages' | 'messages' | 'reports' | 'calendar'): Catalogs {
  return Object.fromEntries(LANGUAGES.map((l) => [l, flattenCatalog(parse(readFileSync(join(SHIPPED_LOCALES, l, `${area}.yaml`), 'utf8'))).texts])) as Catalogs;
}

/** The compiled report's shipped words in `language` (English when not given or not shipped). */
export function shippedReportWords(language?: string): ReportWords {
  return reportWordsIn(shippedCatalogs('reports'), language);
}

export function shippedMarkWords(): TimelineMarkWords {
  return timelineMarkWordsIn(shippedCatalogs('reports'));
}
