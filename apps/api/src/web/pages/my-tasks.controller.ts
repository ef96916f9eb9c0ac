import { Get, Inject, Query, Res } from '@nestjs/common';
import { AWAITING_STATUSES, calendarDaysUntil, CLOCK, Clock, TaskStatus } from '@pact/domain';
import { InboxQuery, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';

/** The filters of "My tasks": waiting for the chair (default), overdue only, submitted, everything. */
const FILTERS: Record<string, TaskStatus[]> = {
  waiting: ['open', 'overdue'],
  overdue: ['overdue'],
  done: ['submitted'],
  all: ['open', 'overdue', 'submitted', 'cancelled'],
};

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
    const filter = show && FILTERS[show] ? show : 'waiting';
    const [items, groups] = await Promise.all([this.inbox.list(person.groupKeys, { status: FILTERS[filter], limit: 500 }), this.groups.list()]);
    const names = new Map(groups.map((g) => [g.key, g.fieldOfAction]));
    const now = this.clock.now();
    res.render('pages/my-tasks', {
      title: page.i18n.t('myTasks.title'),
      hasGroups: person.groupKeys.length > 0,
      show: filter,
      filters: Object.keys(FILTERS).map((key) => ({ key, current: key === filter })),
      items: items.map((i) => ({
        ...i,
        fieldOfAction: names.get(i.groupKey) ?? i.groupKey,
        awaiting: (AWAITING_STATUSES as string[]).includes(i.status),
        daysLeft: calendarDaysUntil(now, i.dueAt, page.i18n.timeZone),
      })),
    });
  }
}
