import type { ExtensionRequest, TaskStatus } from '@pact/domain';

export interface ExtensionRecord {
  from: Date;
  to: Date;
  reason: string;
  at: Date;
  actor: string;
  /** The chair's request this extension granted, when it was one (its follow-ups record extension.granted). */
  requestId?: string;
}

export interface TaskRecord {
  id: string;
  cycleId: string;
  /** The cycle's programme, kept on the task so that who may see it is decided by the task read alone. */
  programme: string;
  milestoneKey: string;
  groupKey: string;
  status: TaskStatus;
  requestedAt: Date;
  dueAt: Date;
  originalDueAt: Date;
  dueVersion: number;
  escalationLevel: number;
  firedTimers: string[];
  lastReminderAt?: Date;
  extensions: ExtensionRecord[];
  submittedAt?: Date;
  late: boolean;
  /** The newest revision that reached the task (its status, lateness and the report follow it). */
  latestRevision: number;
  /**
   * The last revision number handed out (`TaskRepository.numberRevision`), at least
   * `latestRevision`; absent on tasks from before numbers were handed out by the task.
   */
  revisionsNumbered?: number;
  summaryRun?: string;
  updatedAt?: Date;
  /** The chair's extension requests, oldest first: at most one pending, the others decided. */
  extensionRequests?: ExtensionRequest[];
  /**
   * The id of the request waiting for the committee, absent when none. Every change to
   * `extensionRequests` is guarded by it (no positional updates on FerretDB: the list is
   * written back whole), which also makes "one pending at a time" a single-document rule.
   */
  pendingExtensionRequestId?: string;
  /**
   * Keys of effects applied to the task whose follow-ups (event, notification, scheduling) are
   * still owed: written in the same atomic update as the effect, removed once the follow-ups are
   * done. A sweep finishes what a crashed or lost job left open.
   */
  outbox?: string[];
}

/**
 * How many revision numbers the task has handed out: `revisionsNumbered`, or on a task from
 * before numbers were handed out by the task, its latest revision. Revisions are keyed 1 … this.
 */
export function revisionsHandedOut(task: Pick<TaskRecord, 'latestRevision' | 'revisionsNumbered'>): number {
  return Math.max(task.revisionsNumbered ?? 0, task.latestRevision);
}
