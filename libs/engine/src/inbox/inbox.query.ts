import type { LocalizedText } from '@pact/domain';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, daysBetween, ExtensionRequestStatus, LapseReason, TaskStatus } from '@pact/domain';
import { CycleRepository, InboxRepository, TaskRecord, TaskRepository } from '@pact/persistence';

/** One report request waiting for a chair, as their inbox lists it. */
export interface InboxItem {
  id: string;
  cycleId: string;
  cycleName?: string;
  milestoneKey: string;
  milestoneTitle?: LocalizedText;
  groupKey: string;
  status: string;
  dueAt: Date;
  /** Whole days until due in cycle time (negative when overdue). */
  daysLeft: number;
  escalationLevel: number;
  lastReminderAt: Date | null;
  extended: boolean;
  /** Revisions submitted so far (0: none), when the first arrived, and whether it was late. */
  latestRevision: number;
  submittedAt: Date | null;
  late: boolean;
  /** The chair's latest extension request, if any: pending until the committee decides. */
  extensionRequest: { status: ExtensionRequestStatus; proposedDueAt: Date; requestedAt: Date; decidedAt?: Date; lapsedBecause?: LapseReason } | null;
}

/**
 * The chair's inbox: report requests of their groups still waiting for them, soonest due first,
 * with the cycle's and milestone's names (one query for all the cycles named). Read by the API
 * (GET /api/me/tasks) and the "My tasks" page alike. Everything by key: the groups' inboxes, the
 * tasks they list (a group's own history, a few a year), their cycles; filtered and paged here.
 */
@Injectable()
export class InboxQuery {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly inboxes: InboxRepository,
    private readonly cycles: CycleRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `status`: one state or several (default: still waiting, open and overdue); `submitted` lists the done ones. */
  async list(groupKeys: string[], q: { status?: TaskStatus | TaskStatus[]; dueBefore?: Date; limit?: number; skip?: number } = {}): Promise<InboxItem[]> {
    if (!groupKeys.length) return [];
    const status = q.status === undefined ? (['open', 'overdue'] as TaskStatus[]) : ([] as TaskStatus[]).concat(q.status);
    const skip = q.skip ?? 0;
    const tasks = (await this.tasks.findByIds(await this.inboxes.taskIdsOf(groupKeys)))
      .filter((t) => status.includes(t.status) && (!q.dueBefore || t.dueAt < q.dueBefore))
      // As the list was always ordered: soonest due first, then by group.
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0))
      .slice(skip, skip + (q.limit ?? 100));
    const cycles = new Map((await this.cycles.findByIds([...new Set(tasks.map((t) => t.cycleId))])).map((c) => [c.id, c]));
    const now = this.clock.now();
    return tasks.map((t) => {
      const c = cycles.get(t.cycleId);
      return {
        id: t.id,
        cycleId: t.cycleId,
        cycleName: c?.name,
        milestoneKey: t.milestoneKey,
        milestoneTitle: c?.milestones.find((m) => m.key === t.milestoneKey)?.title,
        groupKey: t.groupKey,
        status: t.status,
        dueAt: t.dueAt,
        daysLeft: daysBetween(now, t.dueAt),
        escalationLevel: t.escalationLevel,
        lastReminderAt: t.lastReminderAt ?? null,
        extended: t.extensions.length > 0,
        latestRevision: t.latestRevision,
        submittedAt: t.submittedAt ?? null,
        late: t.late,
        extensionRequest: latestRequest(t),
      };
    });
  }
}

function latestRequest(t: TaskRecord): InboxItem['extensionRequest'] {
  const r = t.extensionRequests?.at(-1);
  return r
    ? {
        status: r.status,
        proposedDueAt: r.proposedDueAt,
        requestedAt: r.requestedAt,
        ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
        ...(r.lapsedBecause ? { lapsedBecause: r.lapsedBecause } : {}),
      }
    : null;
}
