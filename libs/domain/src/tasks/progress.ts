import type { TaskStatus } from './task-state';

/**
 * Where one report request stands, as the committee's progress matrix shows it: a working group's
 * task for one milestone. The states are words, never colour alone.
 */
export type CellState = 'open' | 'overdue' | 'submitted' | 'late' | 'cancelled';

export interface ProgressSource {
  id: string;
  status: TaskStatus;
  dueAt: Date;
  escalationLevel: number;
  late: boolean;
  extensions: unknown[];
  submittedAt?: Date;
  latestRevision: number;
  /** Set while the chair's request for more time waits for the committee. */
  pendingExtensionRequestId?: string;
}

export interface ProgressCell {
  taskId: string;
  state: CellState;
  dueAt: Date;
  /** The escalation level reached while it waits (0: none); kept on a submitted task as history. */
  escalationLevel: number;
  /** How many times its due date was moved. */
  extensions: number;
  submittedAt?: Date;
  revision: number;
  /** The chair asked for more time and the committee has not decided yet. */
  extensionRequested: boolean;
}

export function progressCell(t: ProgressSource): ProgressCell {
  const state: CellState = t.status === 'submitted' ? (t.late ? 'late' : 'submitted') : t.status;
  return {
    taskId: t.id,
    state,
    dueAt: t.dueAt,
    escalationLevel: t.escalationLevel,
    extensions: t.extensions.length,
    submittedAt: t.submittedAt,
    revision: t.latestRevision,
    extensionRequested: !!t.pendingExtensionRequestId && (t.status === 'open' || t.status === 'overdue'),
  };
}

/** A milestone's counts. `onTimeRate` is on time ÷ requests due so far (see ProgressTally). */
export interface MilestoneProgress {
  requested: number;
  open: number;
  overdue: number;
  /** Waiting and escalated (level 1 or more). */
  escalated: number;
  /** Submitted, on time or late. */
  submitted: number;
  onTime: number;
  late: number;
  /** Requests whose due date was moved at least once, whatever their state now. */
  extended: number;
  /** Waiting requests whose chair asked for more time, not decided yet. */
  extensionRequested: number;
  cancelled: number;
  /** Submitted, or still waiting after their due date: the requests an on-time rate can judge. */
  dueSoFar: number;
  /** onTime ÷ dueSoFar, between 0 and 1; null while nothing is due yet. */
  onTimeRate: number | null;
}

/**
 * Counts a milestone's requests in one pass. The on-time rate judges only what can be judged:
 * a request not due yet and not submitted is neither on time nor late, so it is left out; a
 * submitted one counts (on time or late) whenever it came; one still waiting after its due date
 * counts as not on time. Cancelled requests are left out.
 */
export class ProgressTally {
  private readonly c = {
    requested: 0,
    open: 0,
    overdue: 0,
    escalated: 0,
    submitted: 0,
    onTime: 0,
    late: 0,
    extended: 0,
    extensionRequested: 0,
    cancelled: 0,
    dueSoFar: 0,
  };

  constructor(private readonly now: Date) {}

  add(cell: ProgressCell): void {
    const c = this.c;
    c.requested++;
    if (cell.extensions > 0) c.extended++;
    if (cell.extensionRequested) c.extensionRequested++;
    switch (cell.state) {
      case 'cancelled':
        c.cancelled++;
        return;
      case 'submitted':
        c.submitted++;
        c.onTime++;
        c.dueSoFar++;
        return;
      case 'late':
        c.submitted++;
        c.late++;
        c.dueSoFar++;
        return;
      default:
        if (cell.state === 'overdue') c.overdue++;
        else c.open++;
        if (cell.escalationLevel > 0) c.escalated++;
        if (cell.state === 'overdue' || cell.dueAt.getTime() <= this.now.getTime()) c.dueSoFar++;
    }
  }

  result(): MilestoneProgress {
    return { ...this.c, onTimeRate: this.c.dueSoFar ? this.c.onTime / this.c.dueSoFar : null };
  }
}
