import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { addDays, canExtend, Clock, daysBetween, EscalationPolicy } from '@pact/domain';
import { CycleRecord, CycleRepository, EventRepository, TaskRecord, TaskRepository } from '@pact/persistence';
import { CLOCK, TaskTimerJob, TimerScheduler } from '@pact/queues';
import { Notification, NotificationKind, Recipient } from '../notifications/notification';
import { NotificationService } from '../notifications/notification.service';

/**
 * Reminders, overdue, escalation and extensions. Each timer's effect is one guarded update
 * on the task (status, due version, fired timers): a submitted task, a stale timer from
 * before an extension, or a second delivery of the same job all match nothing and do nothing.
 */
@Injectable()
export class DeadlineService {
  private readonly logger = new Logger(DeadlineService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly events: EventRepository,
    private readonly timers: TimerScheduler,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async context(taskId: string): Promise<{ task: TaskRecord; cycle: CycleRecord } | null> {
    const task = await this.tasks.findById(taskId);
    if (!task) return null;
    const cycle = await this.cycles.findById(task.cycleId);
    return cycle ? { task, cycle } : null;
  }

  /**
   * The guarded update matched nothing: either the timer is stale or pointless, or its effect
   * was applied by an earlier attempt that died before its event and notification. In the
   * second case those follow-ups (deduplicated) are still owed.
   */
  private async appliedEarlier(taskId: string, timerKey: string): Promise<TaskRecord | null> {
    const current = await this.tasks.findById(taskId);
    return current && current.firedTimers.includes(timerKey) ? current : null;
  }

  private milestoneTitle(cycle: CycleRecord, key: string): string {
    return cycle.milestones.find((m) => m.key === key)?.title ?? key;
  }

  /** What to tell whom about a task: the notification, with the task's cycle and milestone named. */
  private about(
    task: TaskRecord,
    cycle: CycleRecord | null,
    kind: NotificationKind,
    audience: Notification['audience'],
    recipients: Recipient[],
    details: Record<string, unknown>,
  ): Notification {
    return {
      kind,
      audience,
      recipients,
      cycleId: task.cycleId,
      cycleName: cycle?.name ?? task.cycleId,
      taskId: task.id,
      groupKey: task.groupKey,
      milestoneTitle: cycle ? this.milestoneTitle(cycle, task.milestoneKey) : task.milestoneKey,
      dueAt: task.dueAt,
      details,
    };
  }

  async remind(job: TaskTimerJob): Promise<boolean> {
    const now = this.clock.now();
    let task = await this.tasks.recordReminder(job.taskId, job.dueVersion, job.timerKey, now);
    if (!task) {
      task = await this.appliedEarlier(job.taskId, job.timerKey);
      // A reminder owed from a crashed attempt is still sent, unless the chair has submitted since.
      if (!task || task.status !== 'open') return false;
    }
    const cycle = await this.cycles.findById(task.cycleId);
    const daysLeft = daysBetween(now, task.dueAt);
    await this.events.append({
      type: 'task.reminded',
      at: now,
      actor: 'engine',
      cycleId: task.cycleId,
      taskId: task.id,
      groupKey: task.groupKey,
      dedupeKey: `event-${job.timerKey}`,
      data: { reminder: job.index, daysLeft, dueAt: task.dueAt, scheduledFor: job.fireAt },
    });
    await this.notifications.send(this.about(task, cycle, 'reminder', 'chair', await this.notifications.chairOf(task.groupKey), { daysLeft }), job.timerKey);
    return true;
  }

  async markOverdue(job: TaskTimerJob): Promise<boolean> {
    const now = this.clock.now();
    const task = (await this.tasks.markOverdue(job.taskId, job.dueVersion, job.timerKey, now)) ?? (await this.appliedEarlier(job.taskId, job.timerKey));
    if (!task) return false;
    await this.events.append({
      type: 'task.overdue',
      at: now,
      actor: 'engine',
      cycleId: task.cycleId,
      taskId: task.id,
      groupKey: task.groupKey,
      dedupeKey: `event-overdue-${task.id}-v${task.dueVersion}`,
      data: { dueAt: task.dueAt, scheduledFor: job.fireAt },
    });
    const cycle = await this.cycles.findById(task.cycleId);
    // No e-mail (level-1 escalation tells the chair at the same moment): webhook subscribers only.
    await this.notifications.send(
      this.about(task, cycle, 'overdue', 'chair', [], { overdueDays: Math.max(0, -daysBetween(now, task.dueAt)) }),
      `overdue-${task.id}-v${task.dueVersion}`,
    );
    return true;
  }

  /**
   * Escalates to the job's level, first applying any lower level not yet applied: when
   * timers fire late (a worker was down, Redis was rebuilt) the chair still hears before the
   * committee, and every level is recorded once, in order.
   */
  async escalate(job: TaskTimerJob): Promise<boolean> {
    const ctx = await this.context(job.taskId);
    if (!ctx) return false;
    const policy = new EscalationPolicy(ctx.cycle.reminderDaysBeforeDue, ctx.cycle.escalation);
    // The overdue timer and level 1 are due at the same moment; whichever runs first marks overdue.
    if (ctx.task.status === 'open' && ctx.task.dueVersion === job.dueVersion) {
      await this.markOverdue({ ...job, timerKey: `overdue-${job.taskId}-v${job.dueVersion}`, index: 0, fireAt: ctx.task.dueAt.toISOString() });
    }
    let applied = false;
    for (let level = 1; level <= job.index; level++) {
      const key = `escalate-${job.taskId}-v${job.dueVersion}-${level}`;
      const now = this.clock.now();
      const task = (await this.tasks.escalate(job.taskId, job.dueVersion, level, key, now)) ?? (await this.appliedEarlier(job.taskId, key));
      // Not overdue at this due version any more (submitted, extended): nothing further is owed.
      if (!task) return applied;
      const scheduledFor = level === job.index ? job.fireAt : addDays(task.dueAt, policy.level(level)?.daysAfterDue ?? 0).toISOString();
      await this.escalationFollowUps(ctx.cycle, task, level, policy.level(level)?.target ?? 'committee', key, scheduledFor, now);
      applied = true;
    }
    return applied;
  }

  private async escalationFollowUps(
    cycle: CycleRecord,
    task: TaskRecord,
    level: number,
    target: 'chair' | 'committee',
    key: string,
    scheduledFor: string,
    now: Date,
  ): Promise<void> {
    const overdueDays = Math.max(0, -daysBetween(now, task.dueAt));
    await this.events.append({
      type: 'task.escalated',
      at: now,
      actor: 'engine',
      cycleId: task.cycleId,
      taskId: task.id,
      groupKey: task.groupKey,
      dedupeKey: `event-${key}`,
      data: { level, target, dueAt: task.dueAt, overdueDays, scheduledFor },
    });
    // The committee hears of escalations in one summary per cycle (CommitteeSummaryService), not one
    // e-mail per task; webhook subscribers still get each escalation as it happens.
    const recipients = target === 'chair' ? await this.notifications.chairOf(task.groupKey) : [];
    await this.notifications.send(this.about(task, cycle, 'escalated', target, recipients, { level, target, overdueDays }), key);
    if (target === 'committee') await this.timers.scheduleCommitteeSummary(task.cycleId);
  }

  /** The committee moves a deadline; every pending timer of the task moves with it. */
  async extend(taskId: string, newDueAt: Date, reason: string, actor: string): Promise<TaskRecord> {
    const ctx = await this.context(taskId);
    if (!ctx) throw new NotFoundException(`task ${taskId} does not exist`);
    const { task, cycle } = ctx;
    if (cycle.status !== 'scheduled' && cycle.status !== 'running') throw new ConflictException(`the cycle is ${cycle.status}`);
    if (!canExtend(task.status)) throw new ConflictException(`the task is ${task.status}; only open or overdue tasks can be extended`);
    const now = this.clock.now();
    const milestone = cycle.milestones.find((m) => m.key === task.milestoneKey)!;
    const problems: string[] = [];
    if (newDueAt.getTime() <= task.dueAt.getTime()) problems.push(`dueAt: must be after the current due date (${task.dueAt.toISOString()})`);
    if (newDueAt.getTime() <= now.getTime()) problems.push(`dueAt: must be in the future (now is ${now.toISOString()})`);
    if (newDueAt.getTime() > milestone.compileAt.getTime()) {
      problems.push(`dueAt: must not be after the milestone's compilation date (${milestone.compileAt.toISOString()})`);
    }
    if (problems.length) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });

    const policy = new EscalationPolicy(cycle.reminderDaysBeforeDue, cycle.escalation);
    const oldKeys = policy.timersFor(task).map((t) => t.key);
    const extended = await this.tasks.extend(task.id, task.dueVersion, newDueAt, { from: task.dueAt, to: newDueAt, reason, at: now, actor });
    if (!extended) throw new ConflictException('the task changed while extending it (submitted or extended meanwhile); reload and retry');

    await this.timers.removeTaskTimers(oldKeys);
    await this.timers.scheduleTaskTimers(
      cycle.id,
      policy.pendingTimersFor({ ...extended, requestedAt: now }).map((timer) => ({ taskId: extended.id, timer })),
    );
    await this.events.append({
      type: 'task.extended',
      at: now,
      actor,
      cycleId: cycle.id,
      taskId: task.id,
      groupKey: task.groupKey,
      dedupeKey: `task-extended-${task.id}-v${extended.dueVersion}`,
      data: { from: task.dueAt, to: newDueAt, reason, days: daysBetween(task.dueAt, newDueAt) },
    });
    await this.notifications.send(
      this.about(extended, cycle, 'extended', 'chair', await this.notifications.chairOf(task.groupKey), { reason, previousDueAt: task.dueAt }),
      `extended-${task.id}-v${extended.dueVersion}`,
    );
    this.logger.log(`task ${task.id} (${task.groupKey}) extended to ${newDueAt.toISOString().slice(0, 10)}`);
    return extended;
  }
}

