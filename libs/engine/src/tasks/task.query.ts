import { Injectable } from '@nestjs/common';
import { TaskRecord, TaskRepository } from '@pact/persistence';
import { NotFoundError } from '../errors';
import { isCommitteeOf, seesAllGroups } from '@pact/domain';
import type { Principal } from '../identity/identity.service';

/**
 * Who may see which task: one rule for the API and the pages. Another group's task answers
 * exactly like a task that does not exist (not found), so a chair cannot probe which tasks exist.
 */
@Injectable()
export class TaskQuery {
  constructor(private readonly tasks: TaskRepository) {}

  /** The task, if `p` may read it (`read`) or act on it as its group's chair (`submit`). */
  async visible(taskId: string, p: Pick<Principal, 'roles' | 'committeeOf' | 'groupKeys'>, need: 'read' | 'submit'): Promise<TaskRecord> {
    const task = await this.tasks.findById(taskId);
    const own = !!task && p.groupKeys.includes(task.groupKey);
    // Operators, and the committee of the task's programme (not another programme's).
    const ok = need === 'submit' ? own : own || (!!task && seesAllGroups(p, task.programme));
    if (!task || !ok) throw new NotFoundError(`task ${taskId} does not exist`);
    return task;
  }

  /** The task, if `p` sits on the committee of its programme (extensions, decisions); otherwise not found. */
  async toDecide(taskId: string, p: Pick<Principal, 'roles' | 'committeeOf'>): Promise<TaskRecord> {
    const task = await this.tasks.findById(taskId);
    if (!task || !isCommitteeOf(p, task.programme)) throw new NotFoundError(`task ${taskId} does not exist`);
    return task;
  }

  /** How many of a milestone's requests still await their report (none: it is compiled at once). */
  awaitingInMilestone(cycleId: string, milestoneKey: string): Promise<number> {
    return this.tasks.count({ cycleId, milestoneKey, status: ['open', 'overdue'] });
  }
}
