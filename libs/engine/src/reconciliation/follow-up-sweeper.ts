import { Injectable, Logger } from '@nestjs/common';
import { parseCycleFollowUp, parseTaskFollowUp } from '@pact/domain';
import { CycleRepository, TaskRepository } from '@pact/persistence';
import { CycleService } from '../cycles/cycle.service';
import { DeadlineService } from '../deadlines/deadline.service';
import { CompilationService } from '../reports/compilation.service';
import { SubmissionService } from '../submissions/submission.service';

/**
 * Finishes follow-ups left owed: an effect and the key of its follow-ups are written in one
 * atomic update (the document's outbox), so when the process doing them died, or the job that
 * would have retried them was lost with Redis, the key is still there. Each follow-up is
 * idempotent, so meeting one still in progress elsewhere does no harm.
 */
@Injectable()
export class FollowUpSweeper {
  private readonly logger = new Logger(FollowUpSweeper.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly deadlines: DeadlineService,
    private readonly submissions: SubmissionService,
    private readonly cycleService: CycleService,
    private readonly compilation: CompilationService,
  ) {}

  /** Returns how many follow-ups it finished. */
  async sweep(): Promise<number> {
    let done = 0;
    for await (const cycle of this.cycles.streamWithFollowUpsOwed()) {
      for (const key of cycle.outbox ?? []) {
        const what = parseCycleFollowUp(key);
        if (what?.kind === 'compiled') await this.compilation.followUp(cycle, key);
        else if (what) await this.cycleService.followUp(cycle, key);
        else await this.drop('cycle', cycle.id, key, () => this.cycles.completeFollowUp(cycle.id, key));
        done++;
      }
    }
    for await (const task of this.tasks.streamWithFollowUpsOwed()) {
      for (const key of task.outbox ?? []) {
        const what = parseTaskFollowUp(key);
        if (what?.kind === 'submission') await this.submissions.followUp(task, key);
        else if (what) await this.deadlines.followUp(task, key);
        else await this.drop('task', task.id, key, () => this.tasks.completeFollowUp(task.id, key));
        done++;
      }
    }
    if (done) this.logger.log(`finished ${done} follow-up(s) left owed`);
    return done;
  }

  /** A key no version of the engine writes: logged and removed, so it cannot block the sweep forever. */
  private async drop(what: string, id: string, key: string, complete: () => Promise<void>): Promise<void> {
    this.logger.warn(`${what} ${id}: unknown follow-up "${key}" removed`);
    await complete();
  }
}
