import { Injectable } from '@nestjs/common';
import { TaskRecord, TaskRepository } from '@pact/persistence';
import { NotFoundError } from '../errors';
import type { Principal } from '../identity/identity.service';

/** The committee and operators see every group; a chair only the groups they act for. */
export function seesAllGroups(p: Pick<Principal, 'roles'>): boolean {
  return p.roles.includes('committee') || p.roles.includes('operator');
}

/**
 * Who may see which task: one rule for the API and the pages. Another group's task answers
 * exactly like a task that does not exist (not found), so a chair cannot probe which tasks exist.
 */
@Injectable()
export class TaskQuery {
  constructor(private readonly tasks: TaskRepository) {}

  /** The task, if `p` may read it (`read`) or act on it as its group's chair (`submit`). */
  async visible(taskId: string, p: Pick<Principal, 'roles' | 'groupKeys'>, need: 'read' | 'submit'): Promise<TaskRecord> {
    const task = await this.tasks.findById(taskId);
    const own = !!task && p.groupKeys.includes(task.groupKey);
    const ok = need === 'submit' ? own : own || seesAllGroups(p);
    if (!task || !ok) throw new NotFoundError(`task ${taskId} does not exist`);
    return task;
  }

  /** How many of a milestone's requests still await their report (none: it is compiled at once). */
  awaitingInMilestone(cycleId: string, milestoneKey: string): Promise<number> {
    return this.tasks.count({ cycleId, milestoneKey, status: ['open', 'overdue'] });
  }
}
