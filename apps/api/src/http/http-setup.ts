import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { API_PREFIX, MACHINE_PATHS } from './api-paths';
import { EngineError, isServiceUnavailableError } from '@pact/engine';
import { sendEngineError, sendProblem, titleOf } from './problem-details';
import { assertNoHostileKeys } from './hostile-input';

/** What a 503 asks the client to wait before retrying: about the time a restarted store needs. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The one place where errors become HTTP answers for machines: the engine's own errors
 * (not found, conflict, forbidden, rate limited, invalid with each field's problem), Nest's
 * (validation, guards), body-parser failures and unavailable stores, all as Problem Details
 * (problem-details.ts). Unexpected errors are logged and answered 500 without internals.
 * People's pages answer their errors with pages (web/page-error.filter.ts).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (exception instanceof EngineError) return sendEngineError(res, exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as string | { message?: string | string[] };
      if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return sendProblem(res, status, typeof body === 'string' ? body : (body.message ?? titleOf(status)));
    }
    // The database or Redis did not answer (restarting, unreachable, too slow), after the
    // repositories' own retries of what certainly changed nothing: a 503 the client may retry,
    // never a 500. Effects already applied are complete (their follow-ups are in an outbox).
    if (isServiceUnavailableError(exception)) {
      this.logger.warn(`${req.method} ${req.url}: storage unavailable: ${(exception as Error).message?.slice(0, 300)}`);
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return sendProblem(res, 503, [`storage is not answering right now; retry in ${RETRY_AFTER_SECONDS} seconds (GET /health shows which store)`]);
    }
    const e = exception as { type?: string; status?: number; message?: string; limit?: number };
    if (e?.type === 'entity.parse.failed') return sendProblem(res, 400, [`body: malformed JSON (${e.message})`]);
    if (e?.type === 'entity.too.large') return sendProblem(res, 413, [`body: larger than the limit of ${e.limit} bytes`]);
    if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return sendProblem(res, 415, [`body: ${e.message}`]);
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return sendProblem(res, e.status, [e.message ?? 'bad request']);
    this.logger.error(`${req.method} ${req.url}: ${(exception as Error)?.stack ?? exception}`);
    sendProblem(res, 500, 'an unexpected error occurred; it has been logged');
  }
}

/** The operations that take a file (multipart/form-data, streamed by their controller) instead of JSON; paths below API_PREFIX. */
const FILE_UPLOADS: { path: RegExp; types: string[] }[] = [
  { path: /^\/tasks\/[^/]+\/evidence-files\/?$/, types: ['multipart/form-data'] },
  // A history file: as a multipart field, or as the body itself with its own type (HistoryController).
  { path: /^\/history\/?$/, types: ['multipart/form-data', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
];

/** Body-carrying requests must be JSON (but file uploads): a form post or text body gets 415, not a confusing 400. */
function requireJson(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const upload = req.method === 'POST' && FILE_UPLOADS.some((u) => u.path.test(req.path) && Boolean(req.is(u.types)));
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !upload && !req.is('application/json')) {
    sendProblem(res, 415, [`content-type: expected application/json, got ${req.headers['content-type'] ?? 'none'}`]);
    return;
  }
  next();
}

function rejectHostileKeys(req: Request, res: Response, next: NextFunction): void {
  try {
    assertNoHostileKeys(req.body);
  } catch (err) {
    const e = err as HttpException;
    const body = e.getResponse() as { message?: string | string[] };
    sendProblem(res, e.getStatus(), body.message ?? titleOf(e.getStatus()));
    return;
  }
  next();
}

/** Express error middleware right after the body parser: its errors never reach Nest's filters. */
function bodyParserErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!err) return next();
  const filter = new HttpErrorFilter();
  filter.catch(err, { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost);
}

/** Everything the HTTP edge needs, shared by main.ts and the end-to-end tests. */
export function configureHttp(app: NestExpressApplication, bodyLimit: string, corsOrigins: string[] = []): INestApplication {
  app.disable('x-powered-by');
  // The two HTML pages served here (API docs, queue dashboard) bundle inline scripts and styles;
  // nothing is loaded from another origin. People's pages get their own, stricter policy (web/middleware/setUpWebSecurity.ts).
  const machineHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
      },
    },
  });
  app.use(MACHINE_PATHS, machineHeaders);
  // CORS is off unless origins are configured: the API is called by servers and scripts.
  if (corsOrigins.length) app.enableCors({ origin: corsOrigins, allowedHeaders: ['Authorization', 'Content-Type'] });
  // Pages post forms; the JSON API takes JSON only.
  app.use(API_PREFIX, requireJson);
  app.useBodyParser('json', { limit: bodyLimit, strict: true });
  app.use(bodyParserErrors);
  app.use(rejectHostileKeys);
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      forbidUnknownValues: true,
      exceptionFactory: (errors) => {
        const flat = (errs: typeof errors, prefix: string): string[] =>
          errs.flatMap((e) => {
            const path = prefix ? `${prefix}.${e.property}` : e.property;
            const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
            return [...own, ...flat(e.children ?? [], path)];
          });
        return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: flat(errors, '') });
      },
    }),
  );
  // No enableShutdownHooks: main.ts drains on SIGTERM (drainOnSignals), requests first, then the modules.
  return app;
}
