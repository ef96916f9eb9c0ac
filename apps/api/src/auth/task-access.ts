import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@pact/engine';
import { TaskRecord, TaskRepository } from '@pact/persistence';

/** The committee and operators see every group; a chair only the groups they act for. */
export function seesAllGroups(p: Principal): boolean {
  return p.roles.includes('committee') || p.roles.includes('operator');
}

/**
 * Loads a task the caller may see. Another group's task answers exactly like a task that
 * does not exist (404), so a chair cannot probe which tasks exist.
 */
@Injectable()
export class TaskAccess {
  constructor(private readonly tasks: TaskRepository) {}

  async visible(taskId: string, p: Principal, need: 'read' | 'submit'): Promise<TaskRecord> {
    const task = await this.tasks.findById(taskId);
    const own = !!task && p.groupKeys.includes(task.groupKey);
    const ok = need === 'submit' ? own : own || seesAllGroups(p);
    if (!task || !ok) throw new NotFoundException(`task ${taskId} does not exist`);
    return task;
  }
}
