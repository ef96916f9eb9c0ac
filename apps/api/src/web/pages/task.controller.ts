import { Get, Param, Res } from '@nestjs/common';
import { Clock, CLOCK, daysBetween } from '@pact/domain';
import { CycleService, SubmissionService, TaskQuery, WorkingGroupService } from '@pact/engine';

import { Inject } from '@nestjs/common';
import type { Response } from 'express';
import { Page, PageController } from '../page.decorators';
import type { PageState } from '../page-state';

/**
 * A task as its page: what is asked, by when (in the reader's time zone), where it stands, and
 * its revisions. Another group's task is a 404, as in the API. Links in e-mails open this page.
 */
@PageController('tasks')
export class TaskPageController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly cycles: CycleService,
    private readonly groups: WorkingGroupService,
    private readonly tasks: TaskQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id')
  async show(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    const person = page.person!;
    await this.tasks.visible(id, person, 'read');
    const view = await this.submissions.view(id);
    const [cycle, group] = await Promise.all([this.cycles.get(view.task.cycleId), this.groups.get(view.task.groupKey)]);
    const milestone = cycle.milestones.find((m) => m.key === view.task.milestoneKey);
    const title = page.i18n.t('task.title', { milestone: milestone?.title ?? view.task.milestoneKey, group: group.fieldOfAction });
    res.render('pages/task', {
      title,
      task: view.task,
      revisions: view.revisions,
      cycle,
      group,
      awaiting: view.task.status === 'open' || view.task.status === 'overdue',
      daysLeft: daysBetween(this.clock.now(), view.task.dueAt),
      isChair: person.groupKeys.includes(view.task.groupKey),
    });
  }
}
