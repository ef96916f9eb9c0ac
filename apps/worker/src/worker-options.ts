import { redisConnectionFromUrl } from '@pact/queues';
import type { WorkerOptions } from 'bullmq';
import { workerSettingsFrom } from './worker-settings';

type ProcessorWorkerOptions = WorkerOptions;

/**
 * Worker options are fixed when the processor classes are decorated, before Nest's modules
 * exist, so the worker's settings are read from the environment (and validated: a wrong value
 * stops the worker naming the variable) here, when the processors are loaded. The lock
 * duration decides how soon a job held by a worker that died is handed to another one.
 */
export function workerOptions(defaultConcurrency: number): ProcessorWorkerOptions {
  const settings = workerSettingsFrom(process.env);
  return {
    // The root connection, not the queue's: producers have a command deadline
    // (REDIS_COMMAND_TIMEOUT_MS), which would cut the worker's blocking waits for jobs short.
    connection: redisConnectionFromUrl(settings.redisUrl),
    concurrency: settings.concurrency ?? defaultConcurrency,
    lockDuration: settings.lockMs,
    stalledInterval: settings.lockMs,
    maxStalledCount: 3,
  };
}

/**
 * The notifications worker is rate limited (NOTIFY_RATE_MAX per NOTIFY_RATE_MS, across all
 * workers sharing the Redis), so a fan-out to thousands of chairs does not flood a mail relay.
 */
export function deliveryWorkerOptions(): ProcessorWorkerOptions {
  const settings = workerSettingsFrom(process.env);
  return {
    ...workerOptions(4),
    limiter: { max: settings.notifyRateMax, duration: settings.notifyRateMs },
  };
}
