import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { WorkerMetrics } from './metrics/worker-metrics';
import { JobsInHand } from './shutdown/jobs-in-hand';

/**
 * Every processor logs its worker's errors and failed attempts. A BullMQ worker's 'error'
 * event without a listener is an unhandled error; and operators need to see failures that
 * will be retried, not only the ones that end on the dashboard. Every attempt is measured here
 * too (pact_job_*), the one place all processors' jobs pass, and the jobs in hand are tracked
 * for a drain that runs out of time (JobDrain.abandon).
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  // A property, not a constructor parameter: the processors' constructors stay their own.
  @Inject(WorkerMetrics) private readonly metrics!: WorkerMetrics;
  @Inject(JobsInHand) private readonly inHand!: JobsInHand;

  @OnWorkerEvent('active')
  onJobActive(job: Job): void {
    this.inHand.take(job);
  }

  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    this.logger.error(`worker error: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined, err: Error): void {
    this.inHand.release(job);
    this.metrics.recordAttempt(job, 'failed');
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`);
  }

  @OnWorkerEvent('completed')
  onJobCompleted(job: Job): void {
    this.inHand.release(job);
    this.metrics.recordAttempt(job, 'completed');
  }
}
