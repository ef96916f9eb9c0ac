/** Redis errors that mean "not now" (unreachable, restarting, too slow), not a bug. */
export function isRedisUnavailableError(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN'].includes(e.code)) return true;
  return (
    typeof e.message === 'string' &&
    /^(Connection is closed|Command timed out|Stream isn't writeable|Reached the max retries per request limit|LOADING )/.test(e.message)
  );
}
