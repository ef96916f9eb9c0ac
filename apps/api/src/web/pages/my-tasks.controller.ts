import { Get, Res } from '@nestjs/common';
import { InboxQuery, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';

/** The chair's inbox as a page: the same query as GET /api/me/tasks. */
@PageController('my-tasks')
@PageRoles('chair')
export class MyTasksController {
  constructor(
    private readonly inbox: InboxQuery,
    private readonly groups: WorkingGroupService,
  ) {}

  @Get()
  async list(@Page() page: PageState, @Res() res: Response) {
    const person = page.person!;
    const [items, groups] = await Promise.all([this.inbox.list(person.groupKeys, { limit: 500 }), this.groups.list()]);
    const names = new Map(groups.map((g) => [g.key, g.fieldOfAction]));
    res.render('pages/my-tasks', {
      title: page.i18n.t('myTasks.title'),
      hasGroups: person.groupKeys.length > 0,
      items: items.map((i) => ({ ...i, fieldOfAction: names.get(i.groupKey) ?? i.groupKey })),
    });
  }
}
