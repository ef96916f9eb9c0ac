import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK, EscalationPolicy, TaskTimer } from '@pact/domain';
import { CycleRepository, DeliveryRepository, ReportRepository, TaskRepository, WebhookSubscriptionRepository } from '@pact/persistence';
import { DeliveryQueue, TimerScheduler } from '@pact/queues';
import { CommitteeSummaryService } from '../deadlines/committee-summary.service';
import { FollowUpSweeper } from './follow-up-sweeper';

export interface ReconcileResult {
  cycles: number;
  cycleJobs: number;
  taskTimers: number;
  deliveries: number;
  committeeSummaries: number;
  followUps: number;
}

/**
 * MongoDB is the source of truth for what should happen when; Redis only holds the timers
 * (and deliveries in flight, and committee summaries waiting to be written).
 * This walks every active cycle and re-adds each timer that should exist. Adds are by
 * deterministic job id, so timers that exist are left alone, and a timer that fires twice
 * meets a guard that lets it act once.
 */
@Injectable()
export class TimerReconciler {
  private readonly logger = new Logger(TimerReconciler.name);

  constructor(
    private readonly cycles: CycleRepository,
    private readonly tasks: TaskRepository,
    private readonly reports: ReportRepository,
    private readonly timers: TimerScheduler,
    private readonly deliveries: DeliveryRepository,
    private readonly deliveryQueue: DeliveryQueue,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly summaries: CommitteeSummaryService,
    private readonly followUps: FollowUpSweeper,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = { cycles: 0, cycleJobs: 0, taskTimers: 0, deliveries: 0, committeeSummaries: 0, followUps: 0 };
    // First the follow-ups owed by effects whose job died or was lost after the effect: they may
    // schedule timers and deliveries that the steps below would otherwise add without them.
    result.followUps = await this.followUps.sweep();
    for await (const cycle of this.cycles.active()) {
      result.cycles++;
      for (const m of cycle.milestones) {
        const state = cycle.milestoneState[m.key]?.status ?? 'scheduled';
        if (state === 'scheduled') {
          await this.timers.scheduleFanOut(cycle.id, m);
          await this.timers.scheduleCompile(cycle.id, m);
          result.cycleJobs += 2;
        } else if (state === 'requested') {
          await this.timers.scheduleCompile(cycle.id, m);
          result.cycleJobs++;
        }
      }
    }
    // Recompilations owed for late revisions (the job may have been lost with Redis).
    for await (const r of this.reports.streamStale()) {
      await this.timers.recompile(r.cycleId, r.milestoneKey, r.lateRevisions ?? 0);
      result.cycleJobs++;
    }
    // Task timers of every task still awaiting its chair, also in a cycle whose report is already
    // compiled: escalation of a missing report goes on after compilation. Cancelled cycles have
    // no awaiting tasks (cancellation cancels them).
    const policies = new Map<string, EscalationPolicy | null>();
    let batch: { taskId: string; timer: TaskTimer }[] = [];
    let batchCycle = '';
    const flush = async () => {
      if (!batch.length) return;
      await this.timers.scheduleTaskTimers(batchCycle, batch);
      result.taskTimers += batch.length;
      batch = [];
    };
    for await (const task of this.tasks.stream({ status: ['open', 'overdue'] })) {
      if (!policies.has(task.cycleId)) {
        const c = await this.cycles.findById(task.cycleId);
        policies.set(task.cycleId, c && c.status !== 'cancelled' ? new EscalationPolicy(c.reminderDaysBeforeDue, c.escalation) : null);
      }
      const policy = policies.get(task.cycleId);
      if (!policy) continue;
      if (task.cycleId !== batchCycle || batch.length >= 1000) {
        await flush();
        batchCycle = task.cycleId;
      }
      for (const timer of policy.pendingTimersFor(task)) batch.push({ taskId: task.id, timer });
    }
    await flush();

    // Deliveries held for a subscription that is active again (a resume that raced a hold, or a
    // notification planned while it was paused): released, then queued with the rest below.
    for (const subscriptionId of await this.deliveries.subscriptionsWithHeld()) {
      if ((await this.subscriptions.findById(subscriptionId))?.status === 'active')
        await this.deliveries.requeue({ subscriptionId, from: ['held'] }, this.clock.now());
    }
    // Deliveries stored but possibly not queued (Redis lost them, or was down when they were planned).
    const queued = await this.deliveries.queued({ limit: 50_000 });
    await this.deliveryQueue.enqueue(queued);
    result.deliveries = queued.length;
    for (const cycleId of await this.summaries.cyclesOwingSummary()) {
      await this.timers.scheduleCommitteeSummary(cycleId);
      result.committeeSummaries++;
    }
    // Real time, as the readiness probe's RECONCILE_MAX_AGE_MS is: a simulated clock may run fast.
    await this.timers.markReconciled(Date.now());
    this.logger.debug(`reconciled at ${this.clock.now().toISOString()}: ${JSON.stringify(result)}`);
    return result;
  }
}
