import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DeliverJob, JOB, jobId, QUEUE } from './queue-names';
import { QueueSettings } from './queue-settings';

const BATCH = 500;

/**
 * The producer side of delivery: one job per delivery round, with the configured retries and
 * exponential backoff (in real time: it is about a mail server or a receiver, not the cycle).
 */
@Injectable()
export class DeliveryQueue {
  constructor(
    @InjectQueue(QUEUE.Notifications) private readonly notifications: Queue,
    private readonly settings: QueueSettings,
  ) {}

  async enqueue(deliveries: { id: string; round: number }[]): Promise<void> {
    const attempts = this.settings.notifyAttempts;
    const delay = this.settings.notifyBackoffMs;
    for (let i = 0; i < deliveries.length; i += BATCH) {
      await this.notifications.addBulk(
        deliveries.slice(i, i + BATCH).map(({ id, round }) => ({
          name: JOB.Deliver,
          data: { deliveryId: id } satisfies DeliverJob,
          opts: { jobId: jobId.deliver(id, round), attempts, backoff: { type: 'exponential', delay } },
        })),
      );
    }
  }
}
