import type { Server, ServerResponse } from 'node:http';

/** How often connections that went idle while draining are closed. */
const SWEEP_MS = 100;

/**
 * Prepares `server` for a drain and returns it: stop accepting connections, resolve once every
 * request in flight has been answered. server.close() alone waits for keep-alive connections to
 * time out (HTTP_KEEP_ALIVE_TIMEOUT_MS) and lets their clients send more requests meanwhile:
 * answers from the drain on say `Connection: close` (also those of requests already running, which
 * is why responses are followed from the start), and connections are closed as soon as they are
 * idle. A request still running when SHUTDOWN_TIMEOUT_MS passes ends with the process.
 */
export function httpDrain(server: Server): () => Promise<void> {
  const open = new Set<ServerResponse>();
  let draining = false;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (draining) closeAfter(res);
    open.add(res);
    res.once('close', () => open.delete(res));
  });
  return () => {
    draining = true;
    open.forEach(closeAfter);
    return new Promise<void>((resolve, reject) => {
      const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
      server.close((err) => {
        clearInterval(sweep);
        // Not listening (never started, or closed already): nothing in flight either.
        if (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(err);
        else resolve();
      });
      server.closeIdleConnections();
    });
  };
}
