import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, EscalationPolicy } from '@pact/domain';
import { CycleRepository, TaskRepository } from '@pact/persistence';
import { CLOCK, TimerScheduler } from '@pact/queues';

export interface ReconcileResult {
  cycles: number;
  cycleJobs: number;
  taskTimers: number;
}

/**
 * MongoDB is the source of truth for what should happen when; Redis only holds the timers.
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
    private readonly timers: TimerScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = { cycles: 0, cycleJobs: 0, taskTimers: 0 };
    for await (const cycle of this.cycles.active()) {
      result.cycles++;
      const policy = new EscalationPolicy(cycle.reminderDaysBeforeDue, cycle.escalation);
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
      let batch: { taskId: string; timer: ReturnType<EscalationPolicy['timersFor']>[number] }[] = [];
      for await (const task of this.tasks.stream({ cycleId: cycle.id, status: ['open', 'overdue'] })) {
        for (const timer of policy.pendingTimersFor(task)) batch.push({ taskId: task.id, timer });
        if (batch.length >= 1000) {
          await this.timers.scheduleTaskTimers(cycle.id, batch);
          result.taskTimers += batch.length;
          batch = [];
        }
      }
      await this.timers.scheduleTaskTimers(cycle.id, batch);
      result.taskTimers += batch.length;
    }
    this.logger.debug(`reconciled at ${this.clock.now().toISOString()}: ${JSON.stringify(result)}`);
    return result;
  }
}
