import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// A caller's id is kept when it is short and plain: it lands in every log line of the request.
const ACCEPTED = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request's id: the caller's X-Request-Id (a proxy's or a client's, so one id follows the
 * request through both logs) when it is 1-64 letters, digits, '.', '_' or '-', a new UUID
 * otherwise; echoed in the response's X-Request-Id.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
