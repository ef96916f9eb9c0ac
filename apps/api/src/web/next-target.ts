import { isMachinePath } from '../http/api-paths';

/**
 * Where to go after signing in, or after switching language: only a path on this site (one
 * leading slash, no scheme or host, no backslash, no control character), and only a page —
 * anything else (a full URL, "//evil.example", the API) gives null and the caller goes home.
 */
export function safeNextPath(value: unknown, opts: { allowSignIn?: boolean } = {}): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (!/^\/(?![/\\])[^\\\u0000-\u001f\u007f\s]*$/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://site.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://site.invalid') return null;
  if (isMachinePath(url.pathname) || url.pathname.startsWith('/sign-out')) return null;
  // After signing in, never back to a sign-in page; the language switch may return to one.
  if (!opts.allowSignIn && url.pathname.startsWith('/sign-in')) return null;
  return url.pathname + url.search;
}
