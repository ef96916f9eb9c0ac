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
