import { Provider } from '@nestjs/common';
import { reportCatalogProblems } from '@pact/domain';
import { resolve } from 'node:path';
import { EngineSettings } from '../config/settings';
import { loadCatalogs } from '../texts/locales';

/**
 * The compiled report's words (locales/<language>/reports.yaml): read once at start, checked by
 * the one catalog check and for every text the renderers need; the domain gets them as
 * `ReportWords` (`reportWordsIn`) and the timeline's marks as `timelineMarkWordsIn`.
 */
export const REPORT_CATALOGS = Symbol('REPORT_CATALOGS');

export const reportCatalogsProvider: Provider = {
  provide: REPORT_CATALOGS,
  inject: [EngineSettings],
  useFactory: (settings: EngineSettings) => loadCatalogs(resolve(settings.localesDir), 'reports', reportCatalogProblems),
};
