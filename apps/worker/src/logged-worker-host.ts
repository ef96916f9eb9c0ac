import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { WorkerMetrics } from './metrics/worker-metrics';

/**
 * Every processor logs its worker's errors and failed attempts. A BullMQ worker's 'error'
 * event without a listener is an unhandled error; and operators need to see failures that
 * will be retried, not only the ones that end on the dashboard. Every attempt is measured here
 * too (pact_job_*), the one place all processors' jobs pass.
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  // A property, not a constructor parameter: the processors' constructors stay their own.
  @Inject(WorkerMetrics) private readonly metrics!: WorkerMetrics;

  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    this.logger.error(`worker error: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined, err: Error): void {
    this.metrics.recordAttempt(job, 'failed');
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`);
  }

  @OnWorkerEvent('completed')
  onJobCompleted(job: Job): void {
    this.metrics.recordAttempt(job, 'completed');
  }
}
