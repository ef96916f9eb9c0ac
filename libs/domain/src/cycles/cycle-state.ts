export const CYCLE_STATUSES = ['scheduled', 'running', 'completed', 'cancelled'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const MILESTONE_STATUSES = ['scheduled', 'requested', 'compiled', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Cycle statuses in which timers may still fire and chairs may still submit. */
export const ACTIVE_CYCLE_STATUSES: CycleStatus[] = ['scheduled', 'running'];

export function canCancel(status: CycleStatus): boolean {
  return ACTIVE_CYCLE_STATUSES.includes(status);
}

/** A cycle is completed when every milestone's report is compiled. */
export function isComplete(milestoneStatuses: MilestoneStatus[]): boolean {
  return milestoneStatuses.length > 0 && milestoneStatuses.every((s) => s === 'compiled');
}

/**
 * The milestone's state as people are shown it. A fan-out stores the requests first and marks
 * the milestone requested last (so a crash in between is redone), so for a moment the requests
 * exist while the milestone still says scheduled: once one request exists, it is requested.
 */
export function shownMilestoneStatus(stored: MilestoneStatus, requests: number): MilestoneStatus {
  return stored === 'scheduled' && requests > 0 ? 'requested' : stored;
}

/** The cycle's state as people are shown it: running as soon as a milestone is shown requested. */
export function shownCycleStatus(stored: CycleStatus, shownMilestones: MilestoneStatus[]): CycleStatus {
  return stored === 'scheduled' && shownMilestones.some((s) => s === 'requested' || s === 'compiled') ? 'running' : stored;
}
