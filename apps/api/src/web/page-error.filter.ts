import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { EngineError, isServiceUnavailableError, RateLimitedError } from '@pact/engine';
import { statusOfEngineError } from '../http/problem-details';
import { PageLocals } from './middleware/setUpLocals';
import { CsrfRefused, SignInRequired } from './page-errors';
import type { PageRequest } from './page-state';

/** A sign-in link's token never reaches a log line, even in the URL of a failed request. */
export function redactUrl(url: string): string {
  return url.replace(/\/sign-in\/[^/?#]+/g, '/sign-in/[link]');
}

const KINDS: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  413: 'tooLarge',
  429: 'tooMany',
  503: 'unavailable',
};

/**
 * Errors on pages become pages: 403, 404 and the "form could not be sent" page say what happened
 * in the reader's language, a 500 says only that it was recorded (no stack trace, no detail).
 * Used by the page controllers' filter (PageErrorFilter) and by the page chain's error handler
 * (middleware/setUpPageErrors.ts: a body too large or malformed, a store down while the session is read).
 */
@Injectable()
export class PageErrors {
  private readonly logger = new Logger('Pages');

  constructor(private readonly locals: PageLocals) {}

  answer(exception: unknown, req: PageRequest, res: Response): void {
    if (res.headersSent) return;
    if (exception instanceof SignInRequired) {
      res.redirect(303, exception.next ? `/sign-in?next=${encodeURIComponent(exception.next)}` : '/sign-in');
      return;
    }
    let status = 500;
    let kind = 'server';
    if (exception instanceof CsrfRefused) {
      status = 403;
      kind = 'csrf';
    } else if (exception instanceof EngineError) {
      status = statusOfEngineError(exception);
      if (exception instanceof RateLimitedError) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
    } else if (isServiceUnavailableError(exception)) {
      status = 503;
      res.setHeader('Retry-After', '5');
    } else {
      const e = exception as { type?: string; status?: number };
      // The body parser's errors carry a type: too large, or anything else it could not read.
      if (typeof e?.type === 'string' && typeof e.status === 'number') status = e.type === 'entity.too.large' ? 413 : 400;
      else if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) status = e.status;
    }
    if (kind !== 'csrf') kind = KINDS[status] ?? (status >= 500 ? 'server' : 'badRequest');
    if (status === 503)
      this.logger.warn(`${req.method} ${redactUrl(req.originalUrl ?? req.url)}: a store is not answering: ${(exception as Error)?.message?.slice(0, 200)}`);
    if (status >= 500) this.logger.error(`${req.method} ${redactUrl(req.originalUrl ?? req.url)}: ${(exception as Error)?.stack ?? exception}`);
    this.render(req, res, status, kind);
  }

  render(req: PageRequest, res: Response, status: number, kind: string): void {
    let t: ((key: string) => string) | undefined;
    try {
      t = this.locals.fallback(req, res).i18n.t;
    } catch (err) {
      this.logger.error(`the error page's texts could not be loaded: ${(err as Error).message}`);
    }
    if (!t) {
      res
        .status(status)
        .type('text/plain')
        .send(status >= 500 ? 'Sorry, there is a problem with the service.' : 'This request could not be answered.');
      return;
    }
    res.status(status).render('errors/error', { title: t(`error.${kind}Title`), body: t(`error.${kind}Body`), status }, (err: Error | null, html?: string) => {
      if (err) {
        this.logger.error(`the error page could not be rendered: ${err.message}`);
        res.status(500).type('text/plain').send('Sorry, there is a problem with the service.');
        return;
      }
      res.send(html);
    });
  }
}

/** The page controllers' filter (bound by @PageController): every error of a page becomes a page. */
@Catch()
@Injectable()
export class PageErrorFilter implements ExceptionFilter {
  constructor(private readonly errors: PageErrors) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    this.errors.answer(exception, host.switchToHttp().getRequest<PageRequest>(), host.switchToHttp().getResponse<Response>());
  }
}
