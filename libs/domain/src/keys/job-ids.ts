/**
 * BullMQ job ids. Deterministic: adding a job whose id exists is ignored, which makes scheduling
 * idempotent (the reconciler may add everything again). BullMQ forbids ':' in custom ids.
 * A task timer's job id is its key (taskKeys).
 */
export const jobIds = {
  fanOut: (cycleId: string, milestoneKey: string) => `fanout-${cycleId}-${milestoneKey}`,
  compile: (cycleId: string, milestoneKey: string) => `compile-${cycleId}-${milestoneKey}`,
  /** The recompilation owed after the n-th late revision of a compiled milestone. */
  recompile: (cycleId: string, milestoneKey: string, n: number) => `compile-${cycleId}-${milestoneKey}-r${n}`,
  /** A new round (a manual retry, a resumed subscription) gets a new job: the old one may be kept as failed. */
  deliver: (deliveryId: string, round: number) => `${deliveryId}-r${round}`,
  /**
   * One pending summary per cycle: escalations arriving while it waits join it (the add is
   * ignored), so summary runs of one cycle never overlap. Completed jobs are removed, so the
   * next escalation after a run schedules the next summary.
   */
  committeeSummary: (cycleId: string) => `summary-${cycleId}`,
};
