import { Get, Inject, Query, Res } from '@nestjs/common';
import { CLOCK, Clock } from '@pact/domain';
import { InboxQuery, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { MY_TASKS_FILTERS, myTasksFilter, myTasksView } from './my-tasks-view';

/**
 * The chair's tasks as a page, filtered by state: each with its due date and the days left
 * counted in the reader's time zone, escalation level, last reminder, revisions and any request
 * for more time. The same query as GET /api/me/tasks.
 */
@PageController('my-tasks')
@PageRoles('chair')
export class MyTasksController {
  constructor(
    private readonly inbox: InboxQuery,
    private readonly groups: WorkingGroupService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Page() page: PageState, @Query('show') show: string | undefined, @Res() res: Response) {
    const person = page.person!;
    const filter = myTasksFilter(show);
    const [items, groups] = await Promise.all([
      this.inbox.list(person.groupKeys, { status: MY_TASKS_FILTERS[filter], limit: 500 }),
      this.groups.listByKeys(person.groupKeys),
    ]);
    res.render('pages/my-tasks', {
      title: page.i18n.t('myTasks.title'),
      ...myTasksView({ filter, groupKeys: person.groupKeys, items, groups, now: this.clock.now(), timeZone: page.i18n.timeZone }),
    });
  }
}
