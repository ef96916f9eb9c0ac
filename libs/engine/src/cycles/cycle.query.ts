import { Injectable } from '@nestjs/common';
import type { TaskStatus } from '@pact/domain';
import { CycleRepository, EventRecord, EventRepository, TaskRecord, TaskRepository } from '@pact/persistence';
import { NotFoundError } from '../errors';
import type { Principal } from '../identity/identity.service';
import { seesAllGroups, seesProgramme } from '@pact/domain';

/** Reads of one cycle's tasks and event log, for the API and the pages. */
@Injectable()
export class CycleQuery {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly tasks: TaskRepository,
    private readonly events: EventRepository,
  ) {}

  /** The cycle, if `p` sees its programme; another programme's cycle answers like one that does not exist. */
  private async readable(cycleId: string, p: Pick<Principal, 'roles' | 'programmes'>) {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle || !seesProgramme(p, cycle.programme)) throw new NotFoundError(`cycle ${cycleId} does not exist`);
    return cycle;
  }

  /** The cycle's tasks `p` may see: every one for the committee and operators, a chair's own groups' otherwise. */
  async tasksOf(
    cycleId: string,
    filter: { status?: TaskStatus; milestoneKey?: string; groupKey?: string },
    p: Pick<Principal, 'roles' | 'committeeOf' | 'groupKeys' | 'programmes'>,
    page: { limit: number; skip: number },
  ): Promise<TaskRecord[]> {
    const cycle = await this.readable(cycleId, p);
    let groupKeys = filter.groupKey ? [filter.groupKey] : undefined;
    if (!seesAllGroups(p, cycle.programme)) groupKeys = (groupKeys ?? p.groupKeys).filter((g) => p.groupKeys.includes(g));
    return this.tasks.list(
      { cycleId, status: filter.status ? [filter.status] : undefined, milestoneKey: filter.milestoneKey, groupKeys },
      page.limit,
      page.skip,
    );
  }

  /** The cycle's append-only event log, oldest first. */
  async eventsOf(
    cycleId: string,
    filter: { type?: string; groupKey?: string },
    p: Pick<Principal, 'roles' | 'programmes'>,
    page: { limit: number; skip: number },
  ): Promise<EventRecord[]> {
    await this.readable(cycleId, p);
    return this.events.listByCycle(cycleId, filter, page.limit, page.skip);
  }
}
