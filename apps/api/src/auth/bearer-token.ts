import type { Request } from 'express';

/**
 * The token from `Authorization: Bearer <token>`, or from HTTP Basic (any user name, the token
 * as password) so that a person can open the queue dashboard in a browser's login prompt.
 */
export function tokenFromRequest(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header || typeof header !== 'string') return null;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return null;
  if (scheme.toLowerCase() === 'bearer') return value.trim();
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}
