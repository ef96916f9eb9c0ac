/** What every redacted value becomes, in fields and in messages alike. */
export const REDACTED = '[redacted]';

/**
 * Fields pino blanks wherever a line carries them: credentials in headers (API tokens,
 * session and CSRF cookies), secrets, and the bodies of e-mails (a sign-in e-mail's body is
 * its link). The request and response serializers (request-logging.ts) keep no headers at
 * all; these paths are the second line, for a line someone writes with such an object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'authorization',
  'cookie',
  'cookies',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'link',
  '*.link',
  'html',
  '*.html',
  'text',
  '*.text',
  'body',
  '*.body',
];

// Each: a credential that can sit inside a message or a URL, and what stays of it.
const IN_TEXT: Array<[RegExp, string]> = [
  // A sign-in link's token: /sign-in/<token> (the page that asks, /sign-in, has none).
  [/(\/sign-in\/)[^\s/?#"'<>]+/g, `$1${REDACTED}`],
  // Authorization: Bearer <API token>.
  [/\b(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  // Tokens in a query string (calendar feeds, links of any kind).
  [/([?&](?:token|access_token|code|key|secret|password|signature|sig)=)[^&\s#"']+/gi, `$1${REDACTED}`],
  // Cookie and Set-Cookie values: name=value pairs after "cookie:".
  [/(\bcookie:\s*)[^\n]*/gi, `$1${REDACTED}`],
  // Webhook signing secrets.
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, `whsec_${REDACTED}`],
];

/** A message or URL with the credentials in it replaced by [redacted]. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of IN_TEXT) out = out.replace(pattern, replacement);
  return out;
}
