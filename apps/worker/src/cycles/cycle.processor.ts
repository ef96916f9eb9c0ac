import { Processor } from '@nestjs/bullmq';
import { CompilationService, FanOutService } from '@pact/engine';
import { CompileJob, FanOutJob, JOB, QUEUE } from '@pact/queues';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../logged-worker-host';
import { workerOptions } from '../worker-options';

/** Thin: milestone requests and compilation; the rules live in the services. */
@Processor(QUEUE.Cycles, workerOptions(2))
export class CycleProcessor extends LoggedWorkerHost {
  constructor(
    private readonly fanOut: FanOutService,
    private readonly compilation: CompilationService,
  ) {
    super();
  }

  async process(job: Job<FanOutJob | CompileJob>): Promise<unknown> {
    switch (job.name) {
      case JOB.FanOut:
        return this.fanOut.run(job.data.cycleId, job.data.milestoneKey);
      case JOB.Compile: {
        const report = await this.compilation.compile(job.data.cycleId, job.data.milestoneKey);
        return report ? { compiled: true, missing: report.coverage.missing } : { compiled: false };
      }
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUE.Cycles}`);
    }
  }
}
