import type { JobsOptions } from 'bullmq';

/**
 * Completed jobs are removed so that the reconciler may re-add a timer under the same id;
 * failed ones are kept (bounded) for operators to inspect and retry on the dashboard.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: { count: 5000 },
};
