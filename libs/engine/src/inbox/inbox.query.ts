import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, daysBetween } from '@pact/domain';
import { CycleRepository, TaskRepository } from '@pact/persistence';

/** One report request waiting for a chair, as their inbox lists it. */
export interface InboxItem {
  id: string;
  cycleId: string;
  cycleName?: string;
  milestoneKey: string;
  milestoneTitle?: string;
  groupKey: string;
  status: string;
  dueAt: Date;
  /** Whole days until due in cycle time (negative when overdue). */
  daysLeft: number;
  escalationLevel: number;
  lastReminderAt: Date | null;
  extended: boolean;
}

/**
 * The chair's inbox: report requests of their groups still waiting for them, soonest due first,
 * with the cycle's and milestone's names (one query for all the cycles named). Read by the API
 * (GET /api/me/tasks) and the "My tasks" page alike.
 */
@Injectable()
export class InboxQuery {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(groupKeys: string[], q: { status?: 'open' | 'overdue'; dueBefore?: Date; limit?: number; skip?: number } = {}): Promise<InboxItem[]> {
    if (!groupKeys.length) return [];
    const tasks = await this.tasks.list({ groupKeys, status: q.status ? [q.status] : ['open', 'overdue'], dueBefore: q.dueBefore }, q.limit ?? 100, q.skip ?? 0);
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
      };
    });
  }
}
