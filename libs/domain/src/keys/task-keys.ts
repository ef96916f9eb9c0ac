/**
 * Every key that names a task's timer or an effect's follow-ups, built in one place.
 * Idempotency rests on these matching exactly: a timer key is the BullMQ job id, the entry in
 * the task's `firedTimers` and its `outbox`, and the root of the event's and notification's
 * dedupe keys, so a drift between two builders would let an escalation fire twice.
 * BullMQ forbids ':' in custom job ids, hence '-' throughout.
 */
export const taskKeys = {
  reminder: (taskId: string, dueVersion: number, n: number) => `reminder-${taskId}-v${dueVersion}-${n}`,
  overdue: (taskId: string, dueVersion: number) => `overdue-${taskId}-v${dueVersion}`,
  escalation: (taskId: string, dueVersion: number, level: number) => `escalate-${taskId}-v${dueVersion}-${level}`,
  /** The follow-ups of an extension to due version `dueVersion` (the version it created). */
  extension: (taskId: string, dueVersion: number) => `extended-${taskId}-v${dueVersion}`,
  /** The follow-ups of revision `revision` of a task's report. */
  submission: (taskId: string, revision: number) => `submitted-${taskId}-r${revision}`,
};

/** What a key in a task's outbox stands for: the effect whose follow-ups are still owed. */
export type TaskFollowUp =
  | { kind: 'reminder'; taskId: string; dueVersion: number; index: number }
  | { kind: 'overdue'; taskId: string; dueVersion: number }
  | { kind: 'escalation'; taskId: string; dueVersion: number; level: number }
  | { kind: 'extension'; taskId: string; dueVersion: number }
  | { kind: 'submission'; taskId: string; revision: number };

const PATTERNS: [RegExp, (m: RegExpMatchArray) => TaskFollowUp][] = [
  [/^reminder-([0-9a-f]{24})-v(\d+)-(\d+)$/, (m) => ({ kind: 'reminder', taskId: m[1], dueVersion: Number(m[2]), index: Number(m[3]) })],
  [/^overdue-([0-9a-f]{24})-v(\d+)$/, (m) => ({ kind: 'overdue', taskId: m[1], dueVersion: Number(m[2]) })],
  [/^escalate-([0-9a-f]{24})-v(\d+)-(\d+)$/, (m) => ({ kind: 'escalation', taskId: m[1], dueVersion: Number(m[2]), level: Number(m[3]) })],
  [/^extended-([0-9a-f]{24})-v(\d+)$/, (m) => ({ kind: 'extension', taskId: m[1], dueVersion: Number(m[2]) })],
  [/^submitted-([0-9a-f]{24})-r(\d+)$/, (m) => ({ kind: 'submission', taskId: m[1], revision: Number(m[2]) })],
];

/** The follow-up a key names, or null for a key no builder above makes. */
export function parseTaskFollowUp(key: string): TaskFollowUp | null {
  for (const [re, make] of PATTERNS) {
    const m = key.match(re);
    if (m) return make(m);
  }
  return null;
}

/** Dedupe keys of the events and notifications that follow a task's effects. */
export const followUpDedupe = {
  /** The event recording the effect named by `key` (timer or follow-up key). */
  event: (key: string) => `event-${key}`,
  /** The notification (all its deliveries) telling people about the effect named by `key`. */
  notification: (key: string) => key,
};

/** Keys of effects on a cycle whose follow-ups are owed (the cycle's outbox). */
export const cycleKeys = {
  created: () => 'created',
  cancelled: () => 'cancelled',
  compiled: (milestoneKey: string) => `compiled-${milestoneKey}`,
};

export type CycleFollowUp = { kind: 'created' } | { kind: 'cancelled' } | { kind: 'compiled'; milestoneKey: string };

export function parseCycleFollowUp(key: string): CycleFollowUp | null {
  if (key === 'created' || key === 'cancelled') return { kind: key };
  const m = key.match(/^compiled-(.+)$/);
  return m ? { kind: 'compiled', milestoneKey: m[1] } : null;
}
