import type { SessionService } from '@pact/engine';
import type { RequestHandler } from 'express';
import { cookieOptions, parseCookies } from '../cookies';
import { newNonce, sessionFormToken, signedFormToken, verifyFormToken, verifySignedFormToken } from '../csrf';
import { CsrfRefused } from '../page-errors';
import type { PageRequest } from '../page-state';
import type { WebContext } from '../web-context';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const NONCE = /^[A-Za-z0-9_-]{24}$/;

/**
 * CSRF on every form (which token: see csrf.ts), in two steps. `formToken` gives this request's
 * forms their token (the page state's and the templates' `csrfToken`, and the signed-out nonce
 * cookie); `refuseForgedForms` then refuses an unsafe request whose `_csrf` field is not the
 * token it must carry, with CsrfRefused — before any page runs, and before sign-in and roles are
 * checked, so a forged form gets the "form could not be sent" page whoever sends it. Both run
 * after setUpLocals, so the refusal reads in the person's language.
 */
export function setUpCsrf(sessions: SessionService, web: WebContext): { formToken: RequestHandler; refuseForgedForms: RequestHandler } {
  const formToken: RequestHandler = (req, res, next) => {
    const page = (req as PageRequest).page;
    if (!page) return next(new Error('page state missing: setUpLocals did not run before setUpCsrf'));
    sessions.formSigningKey().then((key) => {
      if (page.person) {
        page.csrfToken = sessionFormToken(page.person.sessionId, key);
      } else {
        let nonce = parseCookies(req.headers.cookie)[web.cookies.form];
        if (!nonce || !NONCE.test(nonce)) {
          nonce = newNonce();
          res.cookie(web.cookies.form, nonce, cookieOptions(web.secure));
        }
        page.csrfToken = signedFormToken(nonce, key);
      }
      res.locals.csrfToken = page.csrfToken;
      next();
    }, next);
  };

  const refuseForgedForms: RequestHandler = (req, _res, next) => {
    const page = (req as PageRequest).page;
    if (SAFE.has(req.method)) return next();
    if (!page) return next(new Error('page state missing: setUpLocals did not run before setUpCsrf'));
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (page.person) return next(verifyFormToken(sent, page.csrfToken) ? undefined : new CsrfRefused());
    sessions.formSigningKey().then((key) => {
      const cookieNonce = parseCookies(req.headers.cookie)[web.cookies.form];
      next(verifySignedFormToken(sent, cookieNonce, key) ? undefined : new CsrfRefused());
    }, next);
  };

  return { formToken, refuseForgedForms };
}
