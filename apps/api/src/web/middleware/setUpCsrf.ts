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
 * CSRF on every form, before any page runs (and before sign-in and roles are checked, so a forged
 * form gets the "form could not be sent" page whoever sends it). The token of this request's
 * forms goes to the page state and the templates (`csrfToken`); an unsafe request without the
 * right `_csrf` field is refused with CsrfRefused. Which token: see csrf.ts. Runs after
 * setUpLocals, so the refusal reads in the person's language.
 */
export function setUpCsrf(sessions: SessionService, web: WebContext): RequestHandler {
  return (req, res, next) => {
    const page = (req as PageRequest).page;
    if (!page) return next(new Error('page state missing: setUpLocals did not run before setUpCsrf'));
    sessions.formSigningKey().then((key) => {
      const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (page.person) {
        page.csrfToken = sessionFormToken(page.person.sessionId, key);
        if (!SAFE.has(req.method) && !verifyFormToken(sent, page.csrfToken)) return next(new CsrfRefused());
      } else {
        const cookieNonce = parseCookies(req.headers.cookie)[web.cookies.form];
        if (!SAFE.has(req.method) && !verifySignedFormToken(sent, cookieNonce, key)) return next(new CsrfRefused());
        let nonce = cookieNonce;
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
}
