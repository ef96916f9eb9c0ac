import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  addDays,
  canExtend,
  Clock,
  CLOCK,
  DayOrMoment,
  DEFAULT_TIME_ZONE,
  dueAt,
  isCalendarDay,
  daysBetween,
  decideRequest,
  DueDateWarning,
  dueDateWarnings,
  EscalationPolicy,
  followUpDedupe,
  newDueDateProblems,
  reasonProblems,
  parseTaskFollowUp,
  taskKeys,
} from '@pact/domain';
import { CycleRepository, EventRepository, TaskRecord, TaskRepository } from '@pact/persistence';
import { TaskTimerJob, TimerScheduler } from '@pact/queues';
import { notificationAbout } from '../notifications/notification';
import { NotificationService } from '../notifications/notification.service';
import { ConflictError, InvalidError } from '../errors';
import { findTaskAndCycle, loadTaskAndCycle } from '../tasks/task-and-cycle';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';

/** The due date a task had at due version `v` (its extensions keep every earlier date). */
function dueAtVersion(task: TaskRecord, v: number): Date {
  if (v <= 0) return task.originalDueAt ?? task.dueAt;
  return task.extensions[v - 1]?.to ?? task.dueAt;
}

/**
 * Reminders, overdue, escalation and extensions. Each effect is one guarded update on the task
 * (status, due version, fired timers): a submitted task, a stale timer from before an extension,
 * or a second delivery of the same job all match nothing and do nothing. The same update puts
 * the effect's key in the task's outbox; its follow-ups (event, notification, scheduling) are
 * done afterwards by `followUp`, which then removes the key. A crash in between leaves the key
 * for the redelivered job or the sweep (TimerReconciler), so no effect goes without its event
 * and notification, and none gets them twice (both are deduplicated by the key).
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
    @Inject(PACT_CONFIG) private readonly config: PactConfig,
  ) {}

  /**
   * A task's new due date as typed: a day is due at its end (23:59:59, or the programme's
   * `deadlines.dueTimeOfDay`) on the clock of the chair it is due from; a timestamp as given.
   * The one place an extension's, a grant's or a request's day becomes a moment.
   */
  async dueAtFor(task: Pick<TaskRecord, 'groupKey'>, value: DayOrMoment): Promise<Date> {
    if (!isCalendarDay(value)) return value;
    const chair = (await this.notifications.chairOf(task.groupKey))?.[0];
    return dueAt(value, chair?.timeZone ?? DEFAULT_TIME_ZONE, this.config.deadlines?.dueTime);
  }

  /**
   * The guarded update matched nothing: the timer is stale or pointless, or an earlier attempt
   * applied the effect and died before its follow-ups, which are then still in the outbox.
   */
  private async followUpIfOwed(taskId: string, key: string): Promise<boolean> {
    const current = await this.tasks.findById(taskId);
    if (!current?.outbox?.includes(key)) return false;
    await this.followUp(current, key);
    return true;
  }

  async remind(job: TaskTimerJob): Promise<boolean> {
    const task = await this.tasks.recordReminder(job.taskId, job.dueVersion, job.timerKey, this.clock.now());
    if (!task) return this.followUpIfOwed(job.taskId, job.timerKey);
    await this.followUp(task, job.timerKey);
    return true;
  }

  async markOverdue(job: TaskTimerJob): Promise<boolean> {
    const task = await this.tasks.markOverdue(job.taskId, job.dueVersion, job.timerKey, this.clock.now());
    if (!task) return this.followUpIfOwed(job.taskId, job.timerKey);
    await this.followUp(task, job.timerKey);
    return true;
  }

  /**
   * Escalates to the job's level, first applying any lower level not yet applied: when
   * timers fire late (a worker was down, Redis was rebuilt) the chair still hears before the
   * committee, and every level is recorded once, in order.
   */
  async escalate(job: TaskTimerJob): Promise<boolean> {
    const ctx = await findTaskAndCycle({ tasks: this.tasks, cycles: this.cycles }, job.taskId);
    if (!ctx) return false;
    // The overdue timer and level 1 are due at the same moment; whichever runs first marks overdue.
    if (ctx.task.status === 'open' && ctx.task.dueVersion === job.dueVersion) {
      await this.markOverdue({ ...job, timerKey: taskKeys.overdue(job.taskId, job.dueVersion), index: 0, fireAt: ctx.task.dueAt.toISOString() });
    }
    let acted = false;
    for (let level = 1; level <= job.index; level++) {
      const key = taskKeys.escalation(job.taskId, job.dueVersion, level);
      const task = await this.tasks.escalate(job.taskId, job.dueVersion, level, key, this.clock.now());
      if (task) {
        await this.followUp(task, key);
        acted = true;
        continue;
      }
      const current = await this.tasks.findById(job.taskId);
      // Not overdue at this due version any more (submitted, extended): nothing further is owed.
      if (!current || !current.firedTimers.includes(key)) return acted;
      // Applied earlier; its follow-ups may still be owed by an attempt that died.
      if (current.outbox?.includes(key)) {
        await this.followUp(current, key);
        acted = true;
      }
    }
    return acted;
  }

  /**
   * Does the follow-ups of one effect named in the task's outbox (a timer effect or an
   * extension), then removes its key. Safe to run more than once, also concurrently: the event
   * and the notification are deduplicated by the key, scheduling is by deterministic job id.
   */
  async followUp(task: TaskRecord, key: string): Promise<void> {
    const what = parseTaskFollowUp(key);
    // Submissions and extension requests have their own services' follow-ups.
    if (!what || !('dueVersion' in what)) throw new Error(`${key} is not a deadline follow-up`);
    const cycle = await this.cycles.findById(task.cycleId);
    const now = this.clock.now();
    const dueAt = dueAtVersion(task, what.dueVersion);
    const policy = cycle ? new EscalationPolicy(cycle.reminderDaysBeforeDue, cycle.escalation) : null;
    const base = { at: now, actor: 'engine', cycleId: task.cycleId, taskId: task.id, groupKey: task.groupKey, dedupeKey: followUpDedupe.event(key) };
    const scheduledFor = (): string | undefined =>
      policy
        ?.timersFor({ ...task, dueAt, dueVersion: what.dueVersion })
        .find((t) => t.key === key)
        ?.fireAt.toISOString();

    switch (what.kind) {
      case 'reminder': {
        // The event log says what happened: `task.reminded` is recorded after the reminder went
        // out (its notification planned), never before. Whether it goes out is decided once: while
        // the task is open at that due version. A rerun that finds the report in (or the date moved)
        // records the event only if the notification had been planned before the interruption;
        // a reminder that never went out leaves no event (the timeline counts reminders sent).
        const notificationKey = followUpDedupe.notification(key);
        const stillDue = task.status === 'open' && task.dueVersion === what.dueVersion;
        if (!stillDue && !(await this.notifications.wasPlanned(notificationKey))) break;
        const daysLeft = daysBetween(task.lastReminderAt ?? now, dueAt);
        if (stillDue) {
          await this.notifications.send(
            notificationAbout(task, cycle, {
              kind: 'reminder',
              audience: 'chair',
              recipients: await this.notifications.chairOf(task.groupKey),
              details: { daysLeft },
              dueAt,
            }),
            notificationKey,
          );
        }
        // Dated when the reminder took effect, not when its follow-ups ran (a sweep may be late).
        await this.events.append({
          ...base,
          at: task.lastReminderAt ?? now,
          type: 'task.reminded',
          data: { reminder: what.index, daysLeft, dueAt, scheduledFor: scheduledFor() },
        });
        break;
      }
      case 'overdue': {
        await this.events.append({ ...base, type: 'task.overdue', data: { dueAt, scheduledFor: scheduledFor() } });
        // No e-mail (level-1 escalation tells the chair at the same moment): webhook subscribers only.
        await this.notifications.send(
          notificationAbout(task, cycle, {
            kind: 'overdue',
            audience: 'chair',
            recipients: [],
            details: { overdueDays: Math.max(0, -daysBetween(now, dueAt)) },
            dueAt,
          }),
          followUpDedupe.notification(key),
        );
        break;
      }
      case 'escalation': {
        const target = policy?.level(what.level)?.target ?? 'committee';
        const overdueDays = Math.max(0, -daysBetween(now, dueAt));
        const at = scheduledFor() ?? addDays(dueAt, policy?.level(what.level)?.daysAfterDue ?? 0).toISOString();
        await this.events.append({ ...base, type: 'task.escalated', data: { level: what.level, target, dueAt, overdueDays, scheduledFor: at } });
        // The committee hears of escalations in one summary per cycle (CommitteeSummaryService), not one
        // e-mail per task; webhook subscribers still get each escalation as it happens.
        const recipients = target === 'chair' ? await this.notifications.chairOf(task.groupKey) : [];
        await this.notifications.send(
          notificationAbout(task, cycle, { kind: 'escalated', audience: target, recipients, details: { level: what.level, target, overdueDays }, dueAt }),
          followUpDedupe.notification(key),
        );
        if (target === 'committee') await this.timers.scheduleCommitteeSummary(task.cycleId);
        break;
      }
      case 'extension': {
        const extension = task.extensions[what.dueVersion - 1];
        if (!extension) break;
        // The new date's timers (the reconciler would add them too, from the same state).
        if (policy && task.dueVersion === what.dueVersion) {
          await this.timers.scheduleTaskTimers(
            task.cycleId,
            policy.pendingTimersFor({ ...task, requestedAt: extension.at }).map((timer) => ({ taskId: task.id, timer })),
          );
        }
        await this.events.append({
          ...base,
          at: extension.at,
          actor: extension.actor,
          type: 'task.extended',
          data: { from: extension.from, to: extension.to, reason: extension.reason, days: daysBetween(extension.from, extension.to) },
        });
        // An extension that granted a chair's request also records the decision on the request.
        if (extension.requestId) {
          const request = task.extensionRequests?.find((r) => r.id === extension.requestId);
          await this.events.append({
            ...base,
            at: extension.at,
            actor: extension.actor,
            type: 'extension.granted',
            dedupeKey: followUpDedupe.event(taskKeys.extensionGranted(task.id, extension.requestId)),
            data: {
              requestId: extension.requestId,
              proposedDueAt: request?.proposedDueAt,
              dueAt: extension.to,
              previousDueAt: extension.from,
              reason: extension.reason,
            },
          });
        }
        await this.notifications.send(
          notificationAbout(task, cycle, {
            kind: 'extended',
            audience: 'chair',
            recipients: await this.notifications.chairOf(task.groupKey),
            details: { reason: extension.reason, previousDueAt: extension.from },
            dueAt: extension.to,
          }),
          followUpDedupe.notification(key),
        );
        break;
      }
    }
    await this.tasks.completeFollowUp(task.id, key);
  }

  /**
   * What the task's due date means for its milestone's compilation (dueDateWarnings): the
   * answers to an extension and to a decision carry it, so nobody moves a date onto the
   * compilation without being told what then happens.
   */
  async dueDateWarnings(task: TaskRecord): Promise<DueDateWarning[]> {
    const cycle = await this.cycles.findById(task.cycleId);
    const milestone = cycle?.milestones.find((m) => m.key === task.milestoneKey);
    return milestone ? dueDateWarnings(task.dueAt, milestone.compileAt) : [];
  }

  /**
   * The committee moves a deadline; every pending timer of the task moves with it. With
   * `granting`, the extension grants the chair's pending request of that id, in the same update
   * (ExtensionRequestService.decide).
   */
  async extend(taskId: string, typedDueAt: DayOrMoment, reason: string, actor: string, granting?: { requestId: string }): Promise<TaskRecord> {
    const { task, cycle } = await loadTaskAndCycle({ tasks: this.tasks, cycles: this.cycles }, taskId);
    const newDueAt = await this.dueAtFor(task, typedDueAt);
    if (cycle.status !== 'scheduled' && cycle.status !== 'running') throw new ConflictError(`the cycle is ${cycle.status}`);
    if (!canExtend(task.status)) throw new ConflictError(`the task is ${task.status}; only open or overdue tasks can be extended`);
    const now = this.clock.now();
    const milestone = cycle.milestones.find((m) => m.key === task.milestoneKey)!;
    const problems = [
      ...newDueDateProblems('dueAt', newDueAt, { dueAt: task.dueAt, now, compileAt: milestone.compileAt }),
      ...reasonProblems('reason', reason),
    ];
    if (problems.length) throw new InvalidError(problems);
    if (granting && task.pendingExtensionRequestId !== granting.requestId) {
      throw new ConflictError(`extension request ${granting.requestId} is not pending; it was decided meanwhile`);
    }

    const policy = new EscalationPolicy(cycle.reminderDaysBeforeDue, cycle.escalation);
    const oldKeys = policy.timersFor(task).map((t) => t.key);
    const key = taskKeys.extension(task.id, task.dueVersion + 1);
    const extension = { from: task.dueAt, to: newDueAt, reason, at: now, actor, ...(granting ? { requestId: granting.requestId } : {}) };
    const extended = granting
      ? await this.tasks.extend(task.id, task.dueVersion, newDueAt, extension, key, {
          requestId: granting.requestId,
          requests: decideRequest(task.extensionRequests ?? [], granting.requestId, { status: 'granted', by: actor, at: now, reason, grantedDueAt: newDueAt }),
        })
      : await this.tasks.extend(task.id, task.dueVersion, newDueAt, extension, key);
    if (!extended) throw new ConflictError('the task changed while extending it (submitted or extended meanwhile); reload and retry');

    // Best effort: a stale timer left behind no longer matches the task's guard.
    await this.timers.removeTaskTimers(oldKeys);
    await this.followUp(extended, key);
    this.logger.log(`task ${task.id} (${task.groupKey}) extended to ${newDueAt.toISOString().slice(0, 10)}`);
    return (await this.tasks.findById(task.id)) ?? extended;
  }
}
