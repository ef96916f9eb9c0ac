import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';

/**
 * Every processor logs its worker's errors and failed attempts. A BullMQ worker's 'error'
 * event without a listener is an unhandled error; and operators need to see failures that
 * will be retried, not only the ones that end on the dashboard.
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    this.logger.error(`worker error: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined, err: Error): void {
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`);
  }
}
