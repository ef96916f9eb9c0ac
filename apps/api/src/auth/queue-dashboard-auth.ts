import type { IdentityService, Principal, SessionService } from '@pact/engine';
import type { NextFunction, Request, Response } from 'express';
import { parseCookies } from '../web/cookies';
import { tokenFromRequest } from './bearer-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A change (retry, clean) made with a session cookie must come from this site's own pages. */
function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = req.headers.origin;
  return typeof origin === 'string' && origin.replace(/^https?:\/\//, '') === req.headers.host;
}

/**
 * Guards the Bull Board dashboard (an Express router outside Nest's guards): operators only.
 * An operator signed in on the pages gets in with their session (the operations page links
 * here); without one it asks for HTTP Basic, so a person can paste their token as the password;
 * API clients send the usual bearer token. Changes made with a session cookie must come from
 * the site itself (Fetch Metadata or Origin), the dashboard's JSON calls having no CSRF token.
 */
export function queueDashboardAuth(identity: IdentityService, sessions: SessionService, sessionCookie: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const token = tokenFromRequest(req);
      let principal: Principal | null = token ? await identity.authenticate(token) : null;
      if (!principal && !token) {
        const cookie = parseCookies(req.headers.cookie)[sessionCookie];
        principal = cookie ? await sessions.authenticate(cookie) : null;
        if (principal && !SAFE.has(req.method) && !sameOrigin(req)) {
          res.status(403).json({ statusCode: 403, message: 'changes with a session must come from this site' });
          return;
        }
      }
      if (!principal) {
        res.setHeader('WWW-Authenticate', 'Basic realm="Pact queue dashboard", charset="UTF-8"');
        res.status(401).json({ statusCode: 401, message: 'operator credentials are required (sign in on the site, a bearer token, or the token as the Basic password)' });
        return;
      }
      if (!principal.roles.includes('operator')) {
        res.status(403).json({ statusCode: 403, message: 'the queue dashboard is for operators' });
        return;
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
