import { Injectable, Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { CycleProcessor } from '../cycles/cycle.processor';
import { DeadlineProcessor } from '../deadlines/deadline.processor';
import { NotificationProcessor } from '../notifications/notification.processor';
import { ReconcileProcessor } from '../reconciliation/reconcile.processor';
import { JobsInHand } from './jobs-in-hand';

/**
 * The worker's part of a graceful shutdown (drainOnSignals): its BullMQ workers stop taking
 * jobs and finish those they hold, before Nest closes the queues and the database clients those
 * jobs still write to.
 */
@Injectable()
export class JobDrain {
  private readonly logger = new Logger(JobDrain.name);

  constructor(
    private readonly cycles: CycleProcessor,
    private readonly deadlines: DeadlineProcessor,
    private readonly notifications: NotificationProcessor,
    private readonly maintenance: ReconcileProcessor,
    private readonly inHand: JobsInHand,
  ) {}

  /** Every BullMQ worker of this process, one per queue. */
  get workers(): Worker[] {
    return [this.cycles, this.deadlines, this.notifications, this.maintenance].map((p) => p.worker);
  }

  /** No new job is taken; resolves when every job in hand has completed or failed (and is recorded as such in Redis). */
  async drain(): Promise<void> {
    const held = this.inHand.held.length;
    this.logger.log(`taking no more jobs; finishing ${held} in hand`);
    await Promise.all(this.workers.map((w) => w.close()));
  }

  /**
   * SHUTDOWN_TIMEOUT_MS passed with jobs still running: each goes back to its queue's waiting list
   * at once, for another worker (its effects are guarded, so one that had already happened is
   * not repeated), rather than staying active until the stalled check (WORKER_LOCK_MS) frees it.
   */
  async abandon(): Promise<void> {
    const held = this.inHand.held;
    let returned = 0;
    await Promise.all(
      held.map(async (job) => {
        try {
          await job.moveToWait(job.token);
          returned++;
        } catch (err) {
          this.logger.warn(`${job.name} ${job.id} not handed back (the stalled check will): ${(err as Error).message}`);
        }
      }),
    );
    this.logger.warn(`handed ${returned} of ${held.length} job(s) in hand back to their queues`);
    await Promise.all(this.workers.map((w) => w.close(true)));
  }
}
