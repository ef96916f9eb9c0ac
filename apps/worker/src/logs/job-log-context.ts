import { engineLogger } from '@pact/engine';
import type { Job } from 'bullmq';
import { storage, Store } from 'nestjs-pino/storage';

// The ids in the queues' job data (libs/queues/src/queue-names.ts) that name what a job is about.
const DATA_IDS = ['cycleId', 'taskId', 'deliveryId', 'milestoneKey'] as const;

/** The fields that tie a job's lines to the cycle and task it is about, and to the API's lines about them. */
export function jobLogFields(job: Pick<Job, 'id' | 'name' | 'queueName' | 'attemptsMade' | 'data'> | undefined): Record<string, unknown> {
  if (!job) return {};
  const fields: Record<string, unknown> = { jobId: job.id, job: job.name, queue: job.queueName, attempt: job.attemptsMade + 1 };
  const data = (job.data ?? {}) as Record<string, unknown>;
  for (const key of DATA_IDS) if (typeof data[key] === 'string') fields[key] = data[key];
  return fields;
}

/**
 * Runs a job's work with a logger that adds the job's fields to every line logged meanwhile,
 * also by the engine's services (nestjs-pino reads its logger from this async context).
 */
export function withJobLogContext<T>(job: Job, work: () => Promise<T>): Promise<T> {
  return storage.run(new Store(engineLogger('worker').child(jobLogFields(job))), work);
}
