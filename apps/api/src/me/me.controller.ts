import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { Clock, daysBetween } from '@pact/domain';
import { Principal } from '@pact/engine';
import { CycleRepository, TaskRepository } from '@pact/persistence';
import { CLOCK } from '@pact/queues';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { PaginationQuery } from '../http/pagination.dto';

/** Paged like every other listing (limit 1–500, skip at most 1,000,000). */
export class InboxQuery extends PaginationQuery {
  /** open: waiting and not yet due; overdue: past due; default both. */
  @IsOptional() @IsIn(['open', 'overdue']) status?: 'open' | 'overdue';
  @IsOptional() @IsISO8601({ strict: true }) dueBefore?: string;
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  me(@CurrentPrincipal() p: Principal) {
    return { id: p.userId, name: p.name, email: p.email, roles: p.roles, groupKeys: p.groupKeys };
  }

  /** The chair's inbox: report requests of their groups still waiting for them, soonest first. */
  @Get('tasks')
  async inbox(@CurrentPrincipal() p: Principal, @Query() q: InboxQuery) {
    if (!p.groupKeys.length) return [];
    const tasks = await this.tasks.list(
      { groupKeys: p.groupKeys, status: q.status ? [q.status] : ['open', 'overdue'], dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined },
      q.limit ?? 100,
      q.skip ?? 0,
    );
    const now = this.clock.now();
    const names = new Map<string, { name: string; milestones: Map<string, string> }>();
    for (const id of new Set(tasks.map((t) => t.cycleId))) {
      const c = await this.cycles.findById(id);
      if (c) names.set(id, { name: c.name, milestones: new Map(c.milestones.map((m) => [m.key, m.title])) });
    }
    return tasks.map((t) => ({
      id: t.id,
      cycleId: t.cycleId,
      cycleName: names.get(t.cycleId)?.name,
      milestoneKey: t.milestoneKey,
      milestoneTitle: names.get(t.cycleId)?.milestones.get(t.milestoneKey),
      groupKey: t.groupKey,
      status: t.status,
      dueAt: t.dueAt,
      daysLeft: daysBetween(now, t.dueAt),
      escalationLevel: t.escalationLevel,
      lastReminderAt: t.lastReminderAt ?? null,
      extended: t.extensions.length > 0,
    }));
  }
}
