import { Processor } from '@nestjs/bullmq';
import { DeliveryService } from '@pact/engine';
import { DeliverJob, QUEUE } from '@pact/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { LoggedWorkerHost } from '../logged-worker-host';
import { deliveryWorkerOptions } from '../worker-options';

/**
 * Thin: one attempt per job run. A failure worth retrying is thrown, so BullMQ retries with
 * exponential backoff; a refusal for good ends the job as failed at once (and shows on the
 * dashboard). Either way the attempt is already in the delivery log.
 */
@Processor(QUEUE.Notifications, deliveryWorkerOptions())
export class NotificationProcessor extends LoggedWorkerHost {
  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  async process(job: Job<DeliverJob>): Promise<{ outcome: string }> {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await this.deliveries.attempt(job.data.deliveryId, last);
    if (result.outcome === 'retry') throw new Error(result.error);
    if (result.outcome === 'failed') throw result.retryable ? new Error(result.error) : new UnrecoverableError(result.error);
    return { outcome: result.outcome };
  }
}
