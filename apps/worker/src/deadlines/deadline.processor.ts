import { Processor } from '@nestjs/bullmq';
import { CommitteeSummaryService, DeadlineService } from '@pact/engine';
import { CommitteeSummaryJob, JOB, QUEUE, TaskTimerJob } from '@pact/queues';
import { DelayedError, Job } from 'bullmq';
import { LoggedWorkerHost } from '../logged-worker-host';
import { workerOptions } from '../worker-options';

/** Thin: each timer kind maps to one guarded DeadlineService call. */
@Processor(QUEUE.Deadlines, workerOptions(8))
export class DeadlineProcessor extends LoggedWorkerHost {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly summaries: CommitteeSummaryService,
  ) {
    super();
  }

  async process(job: Job<TaskTimerJob | CommitteeSummaryJob>, token?: string): Promise<{ applied: boolean } | { summary: string }> {
    if (job.name === JOB.CommitteeSummary) return this.summarise(job as Job<CommitteeSummaryJob>, token);
    const timer = job as Job<TaskTimerJob>;
    switch (timer.name) {
      case JOB.Reminder:
        return { applied: await this.deadlines.remind(timer.data) };
      case JOB.Overdue:
        return { applied: await this.deadlines.markOverdue(timer.data) };
      case JOB.Escalate:
        return { applied: await this.deadlines.escalate(timer.data) };
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUE.Deadlines}`);
    }
  }

  /** Escalations of the same moment still in flight: the run steps back a second and looks again. */
  private async summarise(job: Job<CommitteeSummaryJob>, token?: string): Promise<{ summary: string }> {
    const waits = job.data.waits ?? 0;
    // The job id is reused by the cycle's next summary; id and creation time name this run.
    const outcome = await this.summaries.summarise(job.data.cycleId, `${job.id}-${job.timestamp}`, waits);
    if (outcome === 'wait' && token) {
      await job.updateData({ ...job.data, waits: waits + 1 });
      await job.moveToDelayed(Date.now() + 1000, token);
      throw new DelayedError();
    }
    return { summary: outcome };
  }
}
