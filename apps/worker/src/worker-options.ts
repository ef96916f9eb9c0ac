import { redisConnectionFromUrl } from '@pact/queues';
import type { WorkerOptions } from 'bullmq';

type ProcessorWorkerOptions = WorkerOptions;

/**
 * Worker options are fixed when the processor classes are decorated, before Nest's config
 * exists, so they are read from the environment here (validated again at start by
 * EnvironmentVariables). The lock duration decides how soon a job held by a worker that
 * died is handed to another one.
 */
export function workerOptions(defaultConcurrency: number): ProcessorWorkerOptions {
  const lock = Number(process.env.WORKER_LOCK_MS ?? 30_000);
  const concurrency = Number(process.env.WORKER_CONCURRENCY ?? defaultConcurrency);
  return {
    // The root connection, not the queue's: producers have a command deadline
    // (REDIS_COMMAND_TIMEOUT_MS), which would cut the worker's blocking waits for jobs short.
    connection: redisConnectionFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
    concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : defaultConcurrency,
    lockDuration: lock > 0 ? lock : 30_000,
    stalledInterval: lock > 0 ? lock : 30_000,
    maxStalledCount: 3,
  };
}

/**
 * The notifications worker is rate limited (NOTIFY_RATE_MAX per NOTIFY_RATE_MS, across all
 * workers sharing the Redis), so a fan-out to thousands of chairs does not flood a mail relay.
 */
export function deliveryWorkerOptions(): ProcessorWorkerOptions {
  const max = Number(process.env.NOTIFY_RATE_MAX ?? 20);
  const duration = Number(process.env.NOTIFY_RATE_MS ?? 1000);
  return {
    ...workerOptions(4),
    limiter: { max: max > 0 ? max : 20, duration: duration > 0 ? duration : 1000 },
  };
}
