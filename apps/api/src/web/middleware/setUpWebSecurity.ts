import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of people's pages: everything from this origin only, no inline
 * script or style at all (the pages have none), no framing, forms posting only here.
 */
export function pageCsp(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The pages' security headers (helmet with the page CSP, no Referer leaving the site); the API's are set by http-setup.ts. */
export function setUpWebSecurity(https: boolean): RequestHandler {
  return helmet({ contentSecurityPolicy: { useDefaults: false, directives: pageCsp(https) }, referrerPolicy: { policy: 'no-referrer' } });
}
