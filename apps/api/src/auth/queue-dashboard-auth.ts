import { HttpException } from '@nestjs/common';
import type { IdentityService, Principal, SessionService } from '@pact/engine';
import type { NextFunction, Request, Response } from 'express';
import { dashboardAction } from '../admin/queue-dashboard-actions';
import { parseCookies } from '../web/cookies';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import { tokenFromRequest } from './bearer-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A change (retry, clean) made with a session cookie must come from this site's own pages. */
function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = req.headers.origin;
  return typeof origin === 'string' && origin.replace(/^https?:\/\//, '') === req.headers.host;
}

/** The state of a job (`unknown` when there is no such job or queue). */
export type JobStateLookup = (queue: string, jobId: string) => Promise<string>;

export interface QueueDashboardAuthOptions {
  identity: IdentityService;
  sessions: SessionService;
  sessionCookie: string;
  failures: AuthFailureLimiter;
  /** Where the dashboard is mounted (QUEUE_DASHBOARD_ROUTE). */
  route: string;
  jobState: JobStateLookup;
}

/**
 * Guards the Bull Board dashboard (an Express router outside Nest's guards): operators only,
 * and only for what operators may do there (see dashboardAction). An operator signed in on the
 * pages gets in with their session (the operations page links here); without one it asks for
 * HTTP Basic, so a person can paste their token as the password; API clients send the usual
 * bearer token. Changes made with a session cookie must come from the site itself (Fetch
 * Metadata or Origin), the dashboard's JSON calls having no CSRF token. Failed authentications
 * count against the client's address like everywhere else (AuthFailureLimiter).
 */
export function queueDashboardAuth({ identity, sessions, sessionCookie, failures, route, jobState }: QueueDashboardAuthOptions) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      failures.assertAllowed(req, res);
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
        failures.recordFailure(req);
        res.setHeader('WWW-Authenticate', 'Basic realm="Pact queue dashboard", charset="UTF-8"');
        res
          .status(401)
          .json({ statusCode: 401, message: 'operator credentials are required (sign in on the site, a bearer token, or the token as the Basic password)' });
        return;
      }
      if (!principal.roles.includes('operator')) {
        res.status(403).json({ statusCode: 403, message: 'the queue dashboard is for operators' });
        return;
      }
      const refusal = await refusalOf(req, route, jobState);
      if (refusal) {
        res.status(403).json({ statusCode: 403, error: 'Forbidden', message: refusal });
        return;
      }
      next();
    } catch (err) {
      if (err instanceof HttpException) {
        res.status(err.getStatus()).json(err.getResponse());
        return;
      }
      next(err);
    }
  };
}

const ALLOWED = 'operators may look at the queues, retry failed jobs and clean completed or failed ones';

async function refusalOf(req: Request, route: string, jobState: JobStateLookup): Promise<string | null> {
  // The path as Express matched it (not URL-normalised: '//x' must not become another host).
  const path = req.originalUrl.split('?')[0];
  const below = path.toLowerCase().startsWith(route.toLowerCase()) ? path.slice(route.length) : null;
  const action = below === null ? { kind: 'refused' as const, what: `${req.method} ${path}` } : dashboardAction(req.method, below);
  switch (action.kind) {
    case 'refused':
      return `${action.what}: not allowed; ${ALLOWED}`;
    case 'job': {
      const state = await jobState(action.queue, action.jobId);
      return action.states.includes(state)
        ? null
        : `job ${action.jobId} of ${action.queue} is ${state}: only ${action.states.join(' or ')} jobs may be ${action.action === 'retry' ? 'retried' : 'cleaned'}`;
    }
    default:
      return null;
  }
}
