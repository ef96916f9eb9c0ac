import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';

/**
 * The jobs this worker process is running now (LoggedWorkerHost adds and removes them as its
 * workers report them), so that a drain cut short by SHUTDOWN_TIMEOUT_MS can hand each one back
 * to the queue instead of leaving it locked until the stalled check notices.
 */
@Injectable()
export class JobsInHand {
  private readonly jobs = new Map<string, Job>();

  take(job: Job): void {
    this.jobs.set(this.key(job), job);
  }

  release(job: Job | undefined): void {
    if (job) this.jobs.delete(this.key(job));
  }

  get held(): Job[] {
    return [...this.jobs.values()];
  }

  private key(job: Job): string {
    return `${job.queueName}/${job.id}`;
  }
}
