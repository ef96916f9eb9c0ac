import { JOB } from '@pact/queues';

const KNOWN_JOBS = new Set<string>(Object.values(JOB));

/**
 * The job-name label of a job: one of the engine's job names, or "other". A job's name comes from
 * Redis, where anything may have put it: an unbounded label would make a series per stray name.
 */
export function jobLabel(name: string | undefined): string {
  return name && KNOWN_JOBS.has(name) ? name : 'other';
}

/** How long a finished attempt ran, in seconds, from BullMQ's own stamps; undefined when it never started. */
export function attemptSeconds(job: { processedOn?: number; finishedOn?: number } | undefined): number | undefined {
  if (!job?.processedOn || !job.finishedOn || job.finishedOn < job.processedOn) return undefined;
  return (job.finishedOn - job.processedOn) / 1000;
}
