/**
 * Which database errors are passing conditions rather than bugs, and which of them guarantee
 * that the command changed nothing (so running it again is safe).
 */

interface DriverError {
  name?: string;
  code?: number;
  message?: string;
}

/**
 * Replies meaning "refused before applying": a replica-set member that is not (or no longer) the
 * primary, or a server shutting down (NotWritablePrimary, NotPrimaryNoSecondaryOk,
 * NotPrimaryOrSecondary, PrimarySteppedDown, ShutdownInProgress, InterruptedAtShutdown).
 */
const REFUSED_CODES = new Set([10107, 13435, 13436, 189, 91, 11600]);

/** The driver's names for "could not reach a server", "the connection broke" and "no reply in time". */
const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  // A client closed by the watchdog's rebuild and not connected again yet.
  'MongoNotConnectedError',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
]);

/** The command certainly changed nothing: it may simply be sent again. */
export function isNotAppliedError(err: unknown): boolean {
  const e = err as DriverError | undefined;
  if (!e) return false;
  // FerretDB's SQLite backend answers SQLITE_BUSY after its busy timeout (10 s): the statement
  // was rolled back. Seen right after the embedded database restarted.
  if (typeof e.message === 'string' && /SQLITE_BUSY|database is locked/.test(e.message)) return true;
  return typeof e.code === 'number' && REFUSED_CODES.has(e.code);
}

/**
 * The database cannot serve the request now (unreachable, restarting, overloaded, too slow).
 * Whether the command took effect is unknown unless `isNotAppliedError` says so.
 */
export function isDatabaseUnavailableError(err: unknown): boolean {
  if (isNotAppliedError(err)) return true;
  // A bulk write whose command broke on the way (not a write error of its own): the driver wraps
  // the network error in a MongoBulkWriteError, keeping it as `errorResponse`.
  const wrapped = (err as { errorResponse?: unknown } | undefined)?.errorResponse;
  if ((err as DriverError | undefined)?.name === 'MongoBulkWriteError' && wrapped instanceof Error && wrapped !== err)
    return isDatabaseUnavailableError(wrapped);
  let proto = err && typeof err === 'object' ? Object.getPrototypeOf(err) : null;
  const name = (err as DriverError | undefined)?.name;
  if (name && UNAVAILABLE_NAMES.has(name)) return true;
  // Subclasses (e.g. MongoNetworkTimeoutError extends MongoNetworkError) keep their own name.
  while (proto && proto !== Object.prototype) {
    if (UNAVAILABLE_NAMES.has(proto.constructor?.name)) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubled before each further one. */
  firstDelayMs: number;
}

export const NOT_APPLIED_RETRY: RetryPolicy = { attempts: 6, firstDelayMs: 100 };

/** Runs `op`, again after a growing pause while it fails with an error that changed nothing. */
export async function retryWhileNotApplied<T>(op: () => Promise<T>, policy: RetryPolicy = NOT_APPLIED_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (attempt >= policy.attempts || !isNotAppliedError(err)) throw err;
      await new Promise((r) => setTimeout(r, policy.firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Class decorator for repositories: every async method is retried (with backoff) while it fails
 * with an error that certainly changed nothing. A method of several commands is retried whole,
 * which is why repository methods keep their earlier commands idempotent (reads, guarded
 * updates, inserts under unique keys). Streams (async generators) are left alone: a cursor
 * half read cannot be replayed.
 */
export function RetriedWhenNotApplied(policy: RetryPolicy = NOT_APPLIED_RETRY): ClassDecorator {
  return (target) => {
    const proto = target.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      const fn = descriptor?.value;
      if (typeof fn !== 'function' || fn.constructor?.name !== 'AsyncFunction') continue;
      Object.defineProperty(proto, key, {
        ...descriptor,
        value: function (this: unknown, ...args: unknown[]) {
          return retryWhileNotApplied(() => fn.apply(this, args), policy);
        },
      });
    }
  };
}
