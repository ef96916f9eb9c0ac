import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import { CommitteeSummaryJob, DeliverJob, JOB, jobId, QUEUE } from './queue-names';

const BATCH = 500;

/**
 * The producer side of delivery: one job per delivery round, with the configured retries and
 * exponential backoff (in real time: it is about a mail server or a receiver, not the cycle).
 */
@Injectable()
export class DeliveryQueue {
  constructor(
    @InjectQueue(QUEUE.Notifications) private readonly notifications: Queue,
    @InjectQueue(QUEUE.Deadlines) private readonly deadlines: Queue,
    private readonly config: ConfigService,
  ) {}

  async enqueue(deliveries: { id: string; round: number }[]): Promise<void> {
    const attempts = Number(this.config.get('NOTIFY_ATTEMPTS'));
    const delay = Number(this.config.get('NOTIFY_BACKOFF_MS'));
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

  /**
   * A committee summary run, after a short wait in real time so that escalations falling due
   * together (one milestone, many groups) arrive in one message.
   */
  async scheduleCommitteeSummary(id: string, cycleId: string): Promise<void> {
    const wait = Number(this.config.get('COMMITTEE_SUMMARY_WAIT_MS'));
    // A failed run must not keep its id taken (that would block the cycle's later summaries);
    // what it did not report stays unclaimed and the reconciler schedules it again.
    await this.deadlines.add(JOB.CommitteeSummary, { cycleId } satisfies CommitteeSummaryJob, { jobId: id, delay: wait, removeOnFail: true });
  }
}
