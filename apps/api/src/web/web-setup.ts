import type { NestExpressApplication } from '@nestjs/platform-express';
import { Eta } from 'eta';
import { relative } from 'node:path';
import { Translator } from './i18n/translator';
import { UnmatchedPathFilter } from './web-app';
import { STATIC_DIR, VIEWS_DIR } from './web-files';

/**
 * What the pages need of the application as a whole: Eta templates escaping by default, static
 * assets under /assets, and the 404 of paths no controller serves. Everything per request is the
 * page chain (web-app.ts), mounted by WebModule on the page controllers' routes. Called after configureHttp.
 */
export function configureWeb(app: NestExpressApplication): void {
  app.useStaticAssets(STATIC_DIR, { prefix: '/assets/', index: false, maxAge: '1h', fallthrough: true });

  const eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
  app.engine('eta', (file: string, data: object, done: (err: Error | null, html?: string) => void) => {
    try {
      // Every text from configuration the view gets reads in the reader's language (one pass here,
      // so no view can print a text with wordings per language as it is stored).
      const i18n = (data as { i18n?: Translator }).i18n;
      done(null, eta.render(relative(VIEWS_DIR, file), i18n ? (i18n.texts(data) as unknown as object) : data));
    } catch (err) {
      done(err as Error);
    }
  });
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('eta');

  // Tried before the API's filter (Nest tries the last registered first); page controllers have their own (PageErrorFilter).
  app.useGlobalFilters(app.get(UnmatchedPathFilter));
}
