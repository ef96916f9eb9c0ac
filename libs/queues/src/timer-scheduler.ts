import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock, Milestone, TaskTimer } from '@pact/domain';
import { Queue } from 'bullmq';
import { CLOCK } from '@pact/domain';
import { CommitteeSummaryJob, CompileJob, FanOutJob, JOB, jobId, QUEUE, RECONCILE_SCHEDULER_ID, TaskTimerJob } from './queue-names';
import { QueueSettings } from './queue-settings';

const BATCH = 500;

/** The key (under the maintenance queue's prefix) of the last good reconciliation's time. */
const RECONCILED_KEY = 'last-reconciled';

/**
 * The producer side of every timer. Dates are absolute cycle time; the Clock turns them
 * into real delays at the moment of scheduling, so a timer re-created later (by the
 * reconciler) still fires at the right cycle time.
 */
@Injectable()
export class TimerScheduler {
  private readonly summaryWaitMs: number;

  constructor(
    @InjectQueue(QUEUE.Cycles) private readonly cycles: Queue,
    @InjectQueue(QUEUE.Deadlines) private readonly deadlines: Queue,
    @InjectQueue(QUEUE.Maintenance) private readonly maintenance: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
    settings: QueueSettings,
  ) {
    this.summaryWaitMs = settings.committeeSummaryWaitMs;
  }

  async scheduleFanOut(cycleId: string, m: Milestone): Promise<void> {
    const data: FanOutJob = { cycleId, milestoneKey: m.key };
    await this.cycles.add(JOB.FanOut, data, { jobId: jobId.fanOut(cycleId, m.key), delay: this.clock.delayUntil(m.requestAt) });
  }

  async scheduleCompile(cycleId: string, m: Milestone): Promise<void> {
    const data: CompileJob = { cycleId, milestoneKey: m.key };
    await this.cycles.add(JOB.Compile, data, { jobId: jobId.compile(cycleId, m.key), delay: this.clock.delayUntil(m.compileAt) });
  }

  /**
   * Compiles now instead of at the compile date (every task is in). The delayed job keeps
   * its id, so promoting it rather than adding a second one keeps compilation to one job.
   */
  async compileNow(cycleId: string, milestoneKey: string): Promise<void> {
    const id = jobId.compile(cycleId, milestoneKey);
    const data: CompileJob = { cycleId, milestoneKey };
    const job = await this.cycles.add(JOB.Compile, data, { jobId: id });
    const state = await job.getState();
    if (state === 'delayed') {
      try {
        await job.promote();
      } catch {
        // Promoted or started by someone else in the meantime: either way it runs now.
      }
    }
  }

  /**
   * Recompiles a compiled milestone after its n-th late revision: a compile job of its own id,
   * so each late revision is compiled in once, however often this is called for it.
   */
  async recompile(cycleId: string, milestoneKey: string, n: number): Promise<void> {
    const data: CompileJob = { cycleId, milestoneKey };
    await this.cycles.add(JOB.Compile, data, { jobId: jobId.recompile(cycleId, milestoneKey, n) });
  }

  async scheduleTaskTimers(cycleId: string, timers: { taskId: string; timer: TaskTimer }[]): Promise<void> {
    for (let i = 0; i < timers.length; i += BATCH) {
      await this.deadlines.addBulk(
        timers.slice(i, i + BATCH).map(({ taskId, timer }) => {
          const data: TaskTimerJob = {
            taskId,
            cycleId,
            dueVersion: timer.dueVersion,
            timerKey: timer.key,
            index: timer.index,
            fireAt: timer.fireAt.toISOString(),
          };
          const name = timer.kind === 'reminder' ? JOB.Reminder : timer.kind === 'overdue' ? JOB.Overdue : JOB.Escalate;
          return { name, data, opts: { jobId: timer.key, delay: this.clock.delayUntil(timer.fireAt) } };
        }),
      );
    }
  }

  /** Best-effort removal: a timer that escapes removal fires as a no-op against its guard. */
  async removeTaskTimers(keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.deadlines.remove(key);
      } catch {
        // locked by an active worker: its guarded update will not match any more
      }
    }
  }

  async removeCycleJobs(cycleId: string, milestoneKeys: string[]): Promise<void> {
    for (const k of milestoneKeys) {
      for (const id of [jobId.fanOut(cycleId, k), jobId.compile(cycleId, k)]) {
        try {
          await this.cycles.remove(id);
        } catch {
          // see removeTaskTimers
        }
      }
    }
  }

  /**
   * The cycle's committee summary run, after a short wait in real time so that escalations
   * falling due together (one milestone, many groups) arrive in one message.
   */
  async scheduleCommitteeSummary(cycleId: string): Promise<void> {
    const data: CommitteeSummaryJob = { cycleId };
    // A failed run must not keep its id taken (that would block the cycle's later summaries);
    // what it did not report stays unclaimed and the reconciler schedules it again.
    await this.deadlines.add(JOB.CommitteeSummary, data, { jobId: jobId.committeeSummary(cycleId), delay: this.summaryWaitMs, removeOnFail: true });
  }

  /** The periodic reconciliation, as a BullMQ job scheduler (idempotent upsert). */
  async ensureReconcileScheduler(everyMs: number): Promise<void> {
    await this.maintenance.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { every: everyMs }, { name: JOB.Reconcile, data: {} });
  }

  /**
   * A reconciliation pass ended well, at `at` (real time). Kept in Redis beside the maintenance
   * queue, not in the process: with several workers any one of them runs a scheduled pass, and
   * every worker's readiness asks whether someone reconciled lately.
   */
  async markReconciled(at: number): Promise<void> {
    const client = await this.maintenance.getBackend().client;
    await client.set(this.maintenance.toKey(RECONCILED_KEY), String(at));
  }

  /** When the last reconciliation pass ended well (real ms), or null when none has since Redis was empty. */
  async lastReconciled(): Promise<number | null> {
    const client = await this.maintenance.getBackend().client;
    const at = Number(await client.get(this.maintenance.toKey(RECONCILED_KEY)));
    return Number.isFinite(at) && at > 0 ? at : null;
  }
}
