import type { SessionService } from '@pact/engine';
import type { RequestHandler } from 'express';
import { parseCookies } from '../cookies';
import type { PageRequest } from '../page-state';
import type { WebContext } from '../web-context';

/**
 * Who is signed in: the session cookie → SessionService.authenticate, which checks idle and
 * absolute expiry in code and moves the idle expiry forward. An ended or expired session's
 * cookie is dropped, so the browser stops sending it. The cookie is kept on the request either
 * way: sign-in ends it (a new session id, never one planted before) and sign-out deletes it.
 */
export function setUpWebSession(sessions: SessionService, web: WebContext): RequestHandler {
  return (req, res, next) => {
    const sessionCookie = parseCookies(req.headers.cookie)[web.cookies.session];
    if (!sessionCookie) {
      (req as PageRequest).signedIn = { person: null };
      return next();
    }
    sessions.authenticate(sessionCookie).then((person) => {
      if (!person) web.clearSessionCookie(res);
      (req as PageRequest).signedIn = { person, sessionCookie };
      next();
    }, next);
  };
}
