import type { Server } from 'node:http';

export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
}

/**
 * Bounds how long a client may hold a connection without completing a request. Node's defaults
 * (a whole request may take 300 s, headers 60 s, checked every 30 s) let a client that declares a
 * large body and sends a few bytes, or drips its headers, keep a connection for minutes; a few
 * hundred such clients exhaust the process. Here: headers within `headersMs`, the whole request
 * within `requestMs` (408 otherwise), idle keep-alive connections closed after `keepAliveMs`.
 */
export function applyServerTimeouts(server: Server, t: ServerTimeouts): void {
  if (t.headersMs > t.requestMs) {
    throw new Error(
      `Invalid configuration in the environment: HTTP_HEADERS_TIMEOUT_MS (${t.headersMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${t.requestMs})`,
    );
  }
  server.headersTimeout = t.headersMs;
  server.requestTimeout = t.requestMs;
  server.keepAliveTimeout = t.keepAliveMs;
  // How often Node looks for requests over their time (read when the server starts listening):
  // often enough that a timeout is enforced close to its value, not up to 30 s later.
  // (A server option that Node also reads from the instance; @types/node does not declare it there.)
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1000, Math.floor(t.headersMs / 4));
}
