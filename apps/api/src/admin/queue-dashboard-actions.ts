/**
 * What the queue dashboard lets an operator do, decided from the request alone, before Bull
 * Board sees it: look at anything; retry failed jobs; clean (remove) completed and failed ones.
 * Everything else Bull Board offers (add a job, promote, pause, resume, empty, obliterate,
 * change concurrency, rate limits or job data, run or remove job schedulers, …) would let an
 * operator fire fan-outs, compilations or escalations at will, so it is refused. This is an
 * allow-list: a request not recognised below, in any spelling, is refused.
 */
export type DashboardAction =
  | { kind: 'look' }
  | { kind: 'retry-failed'; queue: string }
  | { kind: 'clean'; queue: string; status: 'completed' | 'failed' }
  /** One job: allowed only when it is in one of `states` (checked against the queue). */
  | { kind: 'job'; queue: string; jobId: string; action: 'retry' | 'clean'; states: string[] }
  | { kind: 'refused'; what: string };

/** Reads, and OPTIONS (which Bull Board does not route: Express answers it with the methods allowed). */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `path` is the request path below the dashboard's route (e.g. `/api/queues/cycles/retry/failed`). */
export function dashboardAction(method: string, path: string): DashboardAction {
  if (READS.has(method)) return { kind: 'look' };
  const what = `${method} ${path}`;
  const segments = path.split('/');
  // One leading slash, and a trailing one (Express routes ignore it); no other empty segment.
  if (segments[0] === '') segments.shift();
  if (segments.length && segments[segments.length - 1] === '') segments.pop();
  if (method !== 'PUT' || segments.length !== 5 || segments[0].toLowerCase() !== 'api' || segments[1].toLowerCase() !== 'queues' || segments.includes('')) {
    return { kind: 'refused', what };
  }
  const [queue, second, third] = segments.slice(2).map(decodeSegment);
  if (queue === null || second === null || third === null) return { kind: 'refused', what };
  // In the order Bull Board's routes are matched, and as case-insensitively as Express matches
  // them: queue-wide actions before per-job ones. Statuses are passed on as written, so they
  // must be exact.
  const [action2, action3] = [second.toLowerCase(), third.toLowerCase()];
  if (action2 === 'retry') return third === 'failed' ? { kind: 'retry-failed', queue } : { kind: 'refused', what };
  if (action2 === 'clean') return third === 'completed' || third === 'failed' ? { kind: 'clean', queue, status: third } : { kind: 'refused', what };
  if (action3 === 'retry') return { kind: 'job', queue, jobId: second, action: 'retry', states: ['failed'] };
  if (action3 === 'clean') return { kind: 'job', queue, jobId: second, action: 'clean', states: ['completed', 'failed'] };
  return { kind: 'refused', what };
}

function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
