import type { IdentityService } from '@pact/engine';
import type { NextFunction, Request, Response } from 'express';
import { tokenFromRequest } from './bearer-token';

/**
 * Guards the Bull Board dashboard (an Express router outside Nest's guards): operators only.
 * Without credentials it asks for HTTP Basic, so a person can open it in a browser and paste
 * their token as the password; API clients send the usual bearer token.
 */
export function queueDashboardAuth(identity: IdentityService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const token = tokenFromRequest(req);
      const principal = token ? await identity.authenticate(token) : null;
      if (!principal) {
        res.setHeader('WWW-Authenticate', 'Basic realm="Pact queue dashboard", charset="UTF-8"');
        res.status(401).json({ statusCode: 401, message: 'operator credentials are required (bearer token, or the token as the Basic password)' });
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
