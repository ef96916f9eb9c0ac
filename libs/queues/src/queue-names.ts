import { jobIds } from '@pact/domain';

/** The engine's queues. Each queue has its own processor class in apps/worker. */
export const QUEUE = {
  /** Milestone fan-out (report requests) and report compilation. */
  Cycles: 'cycles',
  /** Per-task timers: reminders, overdue, escalation. */
  Deadlines: 'deadlines',
  /** The reconciler that rebuilds missing timers from MongoDB. */
  Maintenance: 'maintenance',
  /** One job per delivery (e-mail or webhook), retried with backoff, rate limited. */
  Notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUE);

export const JOB = {
  FanOut: 'fan-out',
  Compile: 'compile',
  Reminder: 'reminder',
  Overdue: 'overdue',
  Escalate: 'escalate',
  Reconcile: 'reconcile',
  Deliver: 'deliver',
  CommitteeSummary: 'committee-summary',
} as const;

export interface DeliverJob {
  deliveryId: string;
}

export interface CommitteeSummaryJob {
  cycleId: string;
  /** How often the run has waited for escalations still owed. */
  waits?: number;
}

export interface FanOutJob {
  cycleId: string;
  milestoneKey: string;
}

export interface CompileJob {
  cycleId: string;
  milestoneKey: string;
}

export interface TaskTimerJob {
  taskId: string;
  cycleId: string;
  /** The task's due version when the timer was scheduled; a stale version makes the job a no-op. */
  dueVersion: number;
  timerKey: string;
  index: number;
  /** The cycle-time moment the timer was meant for (the event log shows it beside the actual time). */
  fireAt: string;
}

export type ReconcileJob = Record<string, never>;

/** Deterministic job ids, built in libs/domain/src/keys (one place for every key the engine's idempotency rests on). */
export const jobId = jobIds;

export const RECONCILE_SCHEDULER_ID = 'reconcile-timers';
