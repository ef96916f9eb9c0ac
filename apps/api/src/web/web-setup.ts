import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Eta } from 'eta';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { relative } from 'node:path';
import { isMachinePath } from '../http/api-paths';
import { HttpErrorFilter } from '../http/http-setup';
import { Translator } from './i18n/translator';
import { PageErrorFilter, redactUrl } from './page-error.filter';
import type { PageRequest } from './page-state';
import { WebContext } from './web-context';
import { STATIC_DIR, VIEWS_DIR } from './web-files';

/**
 * The Content-Security-Policy of people's pages: everything from this origin only, no inline
 * script or style at all (the pages have none), no framing, forms posting only here.
 */
export function pageCsp(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

const onPages =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    isMachinePath(req.path) ? next() : handler(req, res, next);

/**
 * People's pages in the API process (Nest MVC): Eta templates escaping by default, static
 * assets under /assets, form bodies, the page CSP, the page context, and error pages. Called
 * after configureHttp; machine paths (/api, /health, /admin/queues, /calendar) are left alone.
 */
export function configureWeb(app: NestExpressApplication, bodyLimit: string): void {
  const web = app.get(WebContext);
  app.use(onPages(helmet({ contentSecurityPolicy: { useDefaults: false, directives: pageCsp(web.secure) }, referrerPolicy: { policy: 'no-referrer' } })));
  app.useStaticAssets(STATIC_DIR, { prefix: '/assets/', index: false, maxAge: '1h', fallthrough: true });
  // Forms post application/x-www-form-urlencoded, flat (extended: false): field names are taken as they are.
  // A report form at its template's limits has a few hundred fields (measures × 3, indicators × 5,
  // texts); the body limit bounds the rest.
  app.useBodyParser('urlencoded', { extended: false, limit: bodyLimit, parameterLimit: 2000 });
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err || isMachinePath(req.path)) return next(err);
    const e = err as { status?: number; type?: string };
    new PageErrorFilter().render(
      req as PageRequest,
      res,
      e.type === 'entity.too.large' ? 413 : e.status && e.status < 500 ? 400 : 500,
      e.type === 'entity.too.large' ? 'tooLarge' : 'badRequest',
    );
  });
  app.use(
    onPages((req, res, next) => {
      web.load(req as PageRequest, res).then(
        () => next(),
        (err: Error) => {
          // MongoDB unreachable, say: an error page, logged without the URL's secrets.
          new Logger('Pages').error(`${req.method} ${redactUrl(req.originalUrl)}: ${err.stack ?? err}`);
          new PageErrorFilter().render(req as PageRequest, res, 500, 'server');
        },
      );
    }),
  );

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

  // Runs before the API's filter (Nest tries the last registered first) and hands machine paths to it.
  PageErrorFilter.configure(web, new HttpErrorFilter());
  app.useGlobalFilters(new PageErrorFilter());
}
