import { addDays } from '../clock/calendar';
import { EscalationLevel, EscalationPolicyInput } from '../cycles/cycle-plan';
import { taskKeys } from '../keys/task-keys';

export type TimerKind = 'reminder' | 'overdue' | 'escalation';

/**
 * One timer that should fire for a task. `key` is deterministic and also the BullMQ job id.
 * It carries the task's due version, so an extension (which bumps the version) makes every
 * older timer stale: its job may still fire, but the guarded update no longer matches.
 */
export interface TaskTimer {
  key: string;
  kind: TimerKind;
  fireAt: Date;
  dueVersion: number;
  /** Reminder number (1-based) or escalation level. */
  index: number;
  target?: EscalationLevel['target'];
  daysBeforeDue?: number;
}

export interface TimerSubject {
  id: string;
  requestedAt: Date;
  dueAt: Date;
  dueVersion: number;
}

/** How long after the request a reminder must come to tell the chair anything the request did not. */
export const REMINDER_MIN_AFTER_REQUEST_DAYS = 1;

/**
 * Whether a reminder due at `fireAt` is left out, and why: one before the request makes no sense
 * (a 3-week task gets no 4-week reminder); one within a day after it comes with the request,
 * which already tells the chair (a due date typed as a day ends at 23:59:59, so "due in 14 days"
 * with a 14-day reminder would otherwise remind on the evening of the request's day). Null: sent.
 */
export function reminderLeftOut(fireAt: Date, requestedAt: Date): 'before-request' | 'with-request' | null {
  if (fireAt.getTime() < requestedAt.getTime()) return 'before-request';
  if (fireAt.getTime() < addDays(requestedAt, REMINDER_MIN_AFTER_REQUEST_DAYS).getTime()) return 'with-request';
  return null;
}

/**
 * The deadline rules: reminders before the due date, overdue at the due date, escalation
 * levels after it. Pure: the schedulers turn these into jobs, the reconciler compares them
 * with what exists.
 */
export class EscalationPolicy {
  private readonly levels: EscalationLevel[];

  constructor(
    private readonly reminderDaysBeforeDue: number[],
    policy: EscalationPolicyInput,
  ) {
    this.levels = [...policy.levels].sort((a, b) => a.level - b.level);
  }

  get maxLevel(): number {
    return this.levels.length ? this.levels[this.levels.length - 1].level : 0;
  }

  level(n: number): EscalationLevel | undefined {
    return this.levels.find((l) => l.level === n);
  }

  timersFor(task: TimerSubject): TaskTimer[] {
    const v = task.dueVersion;
    const timers: TaskTimer[] = [];
    [...this.reminderDaysBeforeDue]
      .sort((a, b) => b - a)
      .forEach((days, i) => {
        const fireAt = addDays(task.dueAt, -days);
        if (!reminderLeftOut(fireAt, task.requestedAt)) {
          timers.push({ key: taskKeys.reminder(task.id, v, i + 1), kind: 'reminder', fireAt, dueVersion: v, index: i + 1, daysBeforeDue: days });
        }
      });
    timers.push({ key: taskKeys.overdue(task.id, v), kind: 'overdue', fireAt: task.dueAt, dueVersion: v, index: 0 });
    for (const l of this.levels) {
      timers.push({
        key: taskKeys.escalation(task.id, v, l.level),
        kind: 'escalation',
        fireAt: addDays(task.dueAt, l.daysAfterDue),
        dueVersion: v,
        index: l.level,
        target: l.target,
      });
    }
    return timers;
  }

  /**
   * Timers that should still exist for a task in its current state: the ones not yet
   * fired (recorded in `firedTimers`) and not made pointless by the task's progress.
   */
  pendingTimersFor(task: TimerSubject & { status: string; escalationLevel: number; firedTimers: string[]; extensions?: { at: Date }[] }): TaskTimer[] {
    if (task.status !== 'open' && task.status !== 'overdue') return [];
    const fired = new Set(task.firedTimers);
    // After an extension, reminders count from the moment it was granted: a reminder for the
    // new date that already lay in the past then is not owed (and must not fire late).
    const lastExtension = task.extensions?.length ? task.extensions[task.extensions.length - 1].at : undefined;
    const subject = lastExtension ? { ...task, requestedAt: lastExtension } : task;
    return this.timersFor(subject).filter((t) => {
      if (fired.has(t.key)) return false;
      if (t.kind === 'reminder' || t.kind === 'overdue') return task.status === 'open';
      return t.index > task.escalationLevel;
    });
  }
}
