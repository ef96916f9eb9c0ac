import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection of every form (checked by middleware/setUpCsrf.ts); nothing of it is stored or
 * known outside the web layer. Both tokens are HMACs under the site's form-signing key, so
 * neither can be made without the key. Signed in: the token of the session, bound to the
 * session's id (a new one at sign-in, gone when the session is deleted). Before sign-in (the
 * sign-in form, the language switcher): a signed double submit — a random nonce in a cookie, and
 * in the form the nonce with its HMAC, so a value planted in the cookie by another site is worthless.
 */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function signedFormToken(nonce: string, key: Buffer): string {
  return `${nonce}.${createHmac('sha256', key).update(`form|${nonce}`).digest('base64url')}`;
}

/** The token every form of this session carries. */
export function sessionFormToken(sessionId: string, key: Buffer): string {
  return createHmac('sha256', key).update(`session|${sessionId}`).digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Double submit: the form's token matches the cookie's nonce and carries a valid signature. */
export function verifySignedFormToken(token: unknown, cookieNonce: string | undefined, key: Buffer): boolean {
  if (typeof token !== 'string' || !cookieNonce || token.length > 200) return false;
  const dot = token.indexOf('.');
  if (dot <= 0) return false;
  const nonce = token.slice(0, dot);
  return same(nonce, cookieNonce) && same(token, signedFormToken(nonce, key));
}

/** The form's token is the one expected (the session's). */
export function verifyFormToken(token: unknown, expected: string): boolean {
  return typeof token === 'string' && token.length <= 200 && same(token, expected);
}
