/**
 * Redis and the queues' producers (REDIS_URL, QUEUE_PREFIX, REDIS_COMMAND_TIMEOUT_MS,
 * NOTIFY_ATTEMPTS, NOTIFY_BACKOFF_MS, COMMITTEE_SUMMARY_WAIT_MS). Built once from the validated
 * environment by the engine's configuration, which provides it; the class is its injection token.
 */
export class QueueSettings {
  readonly redisUrl: string;
  readonly prefix: string;
  /** How long a producer's Redis command may wait for its reply. */
  readonly commandTimeoutMs: number;
  /** Delivery attempts per message, the first one included. */
  readonly notifyAttempts: number;
  /** First retry delay of a delivery; it doubles with every further attempt. */
  readonly notifyBackoffMs: number;
  /** How long a committee summary waits to gather escalations that fall due together. */
  readonly committeeSummaryWaitMs: number;

  constructor(values: QueueSettings) {
    Object.assign(this, values);
  }
}
