import { Processor } from '@nestjs/bullmq';
import { DeadlineService } from '@pact/engine';
import { JOB, QUEUE, TaskTimerJob } from '@pact/queues';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../logged-worker-host';
import { workerOptions } from '../worker-options';

/** Thin: each timer kind maps to one guarded DeadlineService call. */
@Processor(QUEUE.Deadlines, workerOptions(8))
export class DeadlineProcessor extends LoggedWorkerHost {
  constructor(private readonly deadlines: DeadlineService) {
    super();
  }

  async process(job: Job<TaskTimerJob>): Promise<{ applied: boolean }> {
    switch (job.name) {
      case JOB.Reminder:
        return { applied: await this.deadlines.remind(job.data) };
      case JOB.Overdue:
        return { applied: await this.deadlines.markOverdue(job.data) };
      case JOB.Escalate:
        return { applied: await this.deadlines.escalate(job.data) };
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUE.Deadlines}`);
    }
  }
}
