import { ArgumentsHost, Catch, ExceptionFilter, Injectable, MiddlewareConsumer, NestMiddleware, NotFoundException, Type } from '@nestjs/common';
import { SessionService } from '@pact/engine';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { ApiSettings } from '../config/api-settings';
import { isMachinePath } from '../http/api-paths';
import { HttpErrorFilter } from '../http/http-setup';
import { setUpBodyParsers } from './middleware/setUpBodyParsers';
import { setUpCsrf } from './middleware/setUpCsrf';
import { PageLocals, setUpLocals } from './middleware/setUpLocals';
import { setUpPageErrors } from './middleware/setUpPageErrors';
import { setUpWebSecurity } from './middleware/setUpWebSecurity';
import { setUpWebSession } from './middleware/setUpWebSession';
import { PageErrors } from './page-error.filter';
import type { PageRequest } from './page-state';
import { WebContext } from './web-context';

/**
 * The pages' chain, composed here once, one concern per file (as hmpps-template-typescript's
 * server/app.ts): the page headers (CSP), form bodies, who is signed in, the page state and the
 * templates' locals, CSRF, and the error page for whatever of it fails. It runs for the routes of
 * the page controllers only (mountPageChain), so no step asks whether a request is a page, and
 * the machine paths never get page headers, sessions or CSRF.
 */
@Injectable()
export class PageChain implements NestMiddleware {
  private readonly chain: Router;
  /** For a path no page serves: the same headers, person, language and form token for the 404 page, no body read, no form checked. */
  readonly forNotFound: Router;

  constructor(settings: ApiSettings, web: WebContext, sessions: SessionService, locals: PageLocals, errors: PageErrors) {
    const security = setUpWebSecurity(web.secure);
    const session = setUpWebSession(sessions, web);
    const pageLocals = setUpLocals(locals);
    const csrf = setUpCsrf(sessions, web);
    const pageErrors = setUpPageErrors(errors);
    this.chain = Router().use(security, setUpBodyParsers(settings.bodyLimit), session, pageLocals, csrf.formToken, csrf.refuseForgedForms, pageErrors);
    this.forNotFound = Router().use(security, session, pageLocals, csrf.formToken, pageErrors);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.chain(req, res, next);
  }
}

/** Mounts the page chain on the routes of these page controllers (WebModule's; the route tests' too). */
export function mountPageChain(consumer: MiddlewareConsumer, controllers: Type<unknown>[]): void {
  consumer.apply(PageChain).forRoutes(...controllers);
}

/**
 * A path no controller serves is the one error raised outside every controller, so the one place
 * that must choose between the two answers by path: a machine path gets the API's JSON 404, any
 * other path the page chain and the 404 page (in the reader's language, with their navigation).
 */
@Catch(NotFoundException)
@Injectable()
export class UnmatchedPathFilter implements ExceptionFilter {
  private readonly api = new HttpErrorFilter();

  constructor(
    private readonly chain: PageChain,
    private readonly errors: PageErrors,
  ) {}

  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<PageRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (isMachinePath(req.path)) return this.api.catch(exception, host);
    this.chain.forNotFound(req, res, () => this.errors.render(req, res, 404, 'notFound'));
  }
}
