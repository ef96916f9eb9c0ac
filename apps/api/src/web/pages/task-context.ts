import { Injectable } from '@nestjs/common';
import { AWAITING_STATUSES, canWriteReport, Milestone, LocalizedText } from '@pact/domain';
import { CycleService, ForbiddenError, Person, SubmissionService, TaskQuery, TaskView, WorkingGroupService } from '@pact/engine';

/** A task as its pages need it, loaded once per request with who may do what. */
export interface TaskContext {
  task: TaskView['task'];
  revisions: TaskView['revisions'];
  cycle: Awaited<ReturnType<CycleService['get']>>;
  group: Awaited<ReturnType<WorkingGroupService['get']>>;
  milestone: Milestone | undefined;
  milestoneTitle: LocalizedText;
  /** The person chairs the task's group: the report and its requests are theirs. */
  isChair: boolean;
  /** The person chairs the group and the report can still be written (`canWriteReport`, the engine's rule too). */
  canWrite: boolean;
  /** Still waiting for the report (open or overdue). */
  awaiting: boolean;
}

/**
 * Loads a task for a page with the API's access rules: another group's task is a 404 (it does
 * not exist for this person); the committee and operators read every task but only the group's
 * chair writes its report (403 for them, as the API answers them).
 */
@Injectable()
export class TaskContextLoader {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly cycles: CycleService,
    private readonly groups: WorkingGroupService,
    private readonly access: TaskQuery,
  ) {}

  async load(person: Person, taskId: string, need: 'read' | 'write'): Promise<TaskContext> {
    // The API's rule (TaskQuery): another group's task is not found. The task read here is the request's one read of it.
    const task = await this.access.visible(taskId, person, 'read');
    const own = person.groupKeys.includes(task.groupKey);
    if (need === 'write' && !own) throw new ForbiddenError('only the chair of the working group writes its report');
    const [revisions, cycle, group] = await Promise.all([this.submissions.revisions(task), this.cycles.get(task.cycleId), this.groups.get(task.groupKey)]);
    const view = { task, revisions };
    const milestone = cycle.milestones.find((m) => m.key === view.task.milestoneKey);
    return {
      task: view.task,
      revisions: view.revisions,
      cycle,
      group,
      milestone,
      milestoneTitle: milestone?.title ?? view.task.milestoneKey,
      isChair: own,
      canWrite: own && canWriteReport(view.task.status, cycle.status),
      awaiting: AWAITING_STATUSES.includes(view.task.status),
    };
  }
}
