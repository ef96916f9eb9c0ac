/**
 * Dedupe keys of events (unique in the event log) and notifications (a notification's
 * deliveries take their ids from it), for the effects that are not a task's timer or follow-up
 * (see task-keys.ts for those). Recording or notifying twice under one key does nothing the
 * second time, which is what makes the engine's follow-ups safe to repeat.
 */
export const eventKeys = {
  cycleCreated: (cycleId: string) => `cycle-created-${cycleId}`,
  cycleCancelled: (cycleId: string) => `cycle-cancelled-${cycleId}`,
  cycleCompleted: (cycleId: string) => `cycle-completed-${cycleId}`,
  taskRequested: (taskId: string) => `task-requested-${taskId}`,
  milestoneRequested: (cycleId: string, milestoneKey: string) => `milestone-requested-${cycleId}-${milestoneKey}`,
  reportCompiled: (cycleId: string, milestoneKey: string) => `report-compiled-${cycleId}-${milestoneKey}`,
  reportRecompiled: (cycleId: string, milestoneKey: string, lateRevisions: number) => `report-recompiled-${cycleId}-${milestoneKey}-${lateRevisions}`,
  reportPublished: (cycleId: string, version: number) => `report-published-${cycleId}-v${version}`,
  escalationSummary: (runId: string) => `escalation-summary-${runId}`,
  webhookPaused: (subscriptionId: string, deliveryId: string) => `webhook-paused-${subscriptionId}-${deliveryId}`,
  /** The event that records a notification was planned (its deliveries stored). */
  notificationQueued: (notificationKey: string) => `notify-${notificationKey}`,
};

export const notificationKeys = {
  taskRequested: (taskId: string) => `requested-${taskId}`,
  reportCompiled: (cycleId: string, milestoneKey: string) => `compiled-${cycleId}-${milestoneKey}`,
  /** Keyed by what it reports (a hash of the escalations), so a repeated run names the same deliveries. */
  escalationSummary: (cycleId: string, escalationsHash: string) => `summary-${cycleId}-${escalationsHash}`,
};
