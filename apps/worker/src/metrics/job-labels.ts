import { JOB } from '@pact/queues';

const KNOWN_JOBS = new Set<string>(Object.values(JOB));

/**
 * The job-name label of a job: one of the engine's job names, or "other". A job's name comes from
 * Redis, where anything may have put it: an unbounded label would make a series per stray name.
 */
export function jobLabel(name: string | undefined): string {
  return name && KNOWN_JOBS.has(name) ? name : 'other';
}

/**
 * How long an attempt ran, in seconds, from BullMQ's start stamp to its finish stamp; undefined when
 * it never started. An attempt that failed and will be retried has no finish stamp (BullMQ sets it
 * only when a job completes or fails for good): it ended `now`, when its 'failed' event arrives.
 */
export function attemptSeconds(job: { processedOn?: number; finishedOn?: number } | undefined, now: number): number | undefined {
  if (!job?.processedOn) return undefined;
  const end = job.finishedOn ?? now;
  return end < job.processedOn ? undefined : (end - job.processedOn) / 1000;
}
