import { Injectable, Logger } from '@nestjs/common';
import { parseCycleFollowUp, parseTaskFollowUp } from '@pact/domain';
import { CycleRepository, TaskRepository } from '@pact/persistence';
import { CycleService } from '../cycles/cycle.service';
import { DeadlineService } from '../deadlines/deadline.service';
import { ExtensionRequestService } from '../deadlines/extension-request.service';
import { CompilationService } from '../reports/compilation.service';
import { SubmissionService } from '../submissions/submission.service';
import { WorkingGroupService } from '../working-groups/working-group.service';
import { EngineSettings } from '../config/settings';
import { HistoryService } from '../history/history.service';

/**
 * Finishes follow-ups left owed: an effect and the key of its follow-ups are written in one
 * atomic update (the document's outbox), so when the process doing them died, or the job that
 * would have retried them was lost with Redis, the key is still there. Each follow-up is
 * idempotent, so meeting one still in progress elsewhere does no harm.
 */
@Injectable()
export class FollowUpSweeper {
  private readonly logger = new Logger(FollowUpSweeper.name);

  /** When this process first saw each owed follow-up (`<document>/<key>` → real ms). */
  private readonly firstSeen = new Map<string, number>();
  private readonly graceMs: number;

  constructor(
    settings: EngineSettings,
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly deadlines: DeadlineService,
    private readonly extensionRequests: ExtensionRequestService,
    private readonly submissions: SubmissionService,
    private readonly cycleService: CycleService,
    private readonly compilation: CompilationService,
    private readonly workingGroups: WorkingGroupService,
    private readonly history: HistoryService,
  ) {
    this.graceMs = settings.followUpGraceMs;
  }

  /**
   * Whether a follow-up seen owed has been owed for the grace period. Follow-ups are done right
   * after their effect by the process that applied it; sweeping one still in progress would only
   * repeat idempotent steps, but counting a revision twice costs a recompilation, so the sweep
   * waits until the original has surely finished or died.
   */
  private due(id: string, seen: Set<string>, now: number): boolean {
    seen.add(id);
    const first = this.firstSeen.get(id) ?? now;
    this.firstSeen.set(id, first);
    return now - first >= this.graceMs;
  }

  /** Returns how many follow-ups it finished. */
  async sweep(): Promise<number> {
    let done = 0;
    const now = Date.now();
    const seen = new Set<string>();
    for await (const cycle of this.cycles.streamWithFollowUpsOwed()) {
      for (const key of cycle.outbox ?? []) {
        if (!this.due(`cycle/${cycle.id}/${key}`, seen, now)) continue;
        const what = parseCycleFollowUp(key);
        if (what?.kind === 'compiled') await this.compilation.followUp(cycle, key);
        else if (what) await this.cycleService.followUp(cycle, key);
        else await this.drop('cycle', cycle.id, key, () => this.cycles.completeFollowUp(cycle.id, key));
        done++;
      }
    }
    for await (const task of this.tasks.streamWithFollowUpsOwed()) {
      for (const key of task.outbox ?? []) {
        if (!this.due(`task/${task.id}/${key}`, seen, now)) continue;
        const what = parseTaskFollowUp(key);
        if (what?.kind === 'submission') await this.submissions.resume(task, key);
        else if (what && !('dueVersion' in what)) await this.extensionRequests.followUp(task, key);
        else if (what) await this.deadlines.followUp(task, key);
        else await this.drop('task', task.id, key, () => this.tasks.completeFollowUp(task.id, key));
        done++;
      }
    }
    for (const group of await this.workingGroups.withFollowUpsOwed()) {
      if (!this.due(`working-group/${group.key}/chair-access`, seen, now)) continue;
      await this.workingGroups.followUp(group);
      done++;
    }
    // History imports a process left part-way: finished past their commit point, undone before it.
    done += await this.history.sweep();
    // Forget what was done meanwhile, so the map holds only what is still owed.
    for (const id of this.firstSeen.keys()) if (!seen.has(id)) this.firstSeen.delete(id);
    if (done) this.logger.log(`finished ${done} follow-up(s) left owed`);
    return done;
  }

  /** A key no version of the engine writes: logged and removed, so it cannot block the sweep forever. */
  private async drop(what: string, id: string, key: string, complete: () => Promise<void>): Promise<void> {
    this.logger.warn(`${what} ${id}: unknown follow-up "${key}" removed`);
    await complete();
  }
}
