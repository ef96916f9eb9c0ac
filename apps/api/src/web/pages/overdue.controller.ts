import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { dayOrMomentOf } from '@pact/domain';
import { ConflictError, CycleProgressQuery, CycleService, DeadlineService, ExtensionOutcome } from '@pact/engine';
import type { Response } from 'express';
import { ExtensionDto } from '../../deadlines/extension.dto';
import { apiRuleProblems } from '../api-rules';
import { FormError, formErrors, problemsOf } from '../form-errors';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { extensionMessage } from './extension-texts';
import { ExtensionValues, overdueView } from './overdue-view';

const TASK_ID = /^[0-9a-f]{24}$/;

/**
 * The committee's overdue list of a cycle, each request with a one-step extension: a new date
 * and a reason, saying beforehand who is told (the chair's e-mail, and the webhook subscriptions
 * an "extended" event reaches). The form is checked by the API's rules (ExtensionDto) and
 * DeadlineService.extend, as POST /api/tasks/:id/extensions is.
 */
@PageController('cycles')
@PageRoles('committee')
export class OverduePageController {
  constructor(
    private readonly progress: CycleProgressQuery,
    private readonly deadlines: DeadlineService,
    private readonly cycles: CycleService,
  ) {}

  @Get(':id/overdue')
  async list(@Page() page: PageState, @Param('id') id: string, @Query('extended') extended: unknown, @Res() res: Response) {
    // Another programme's cycle is not found.
    await this.cycles.getFor(page.person!, id, 'decide');
    const notice = typeof extended === 'string' && TASK_ID.test(extended) ? await this.progress.extensionOutcome(id, extended) : null;
    await this.render(page, res, id, 200, [], {}, notice);
  }

  @Post(':id/overdue/:taskId')
  async extend(@Page() page: PageState, @Param('id') id: string, @Param('taskId') taskId: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const dueAt = typeof body.dueAt === 'string' ? body.dueAt.trim() : '';
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const values = { [taskId]: { dueAt, reason } };
    await this.cycles.getFor(page.person!, id, 'decide');
    const { items } = await this.progress.overdue(id);
    // Only requests on this cycle's list; another's (or one no longer overdue) is told as such below.
    const say = extensionMessage(page.i18n);
    const fieldOf = (path: string) => (path === 'reason' ? `reason-${taskId}` : `dueAt-${taskId}`);
    const problems = await apiRuleProblems(ExtensionDto, { dueAt: dueAt || undefined, reason });
    if (problems.length) return this.render(page, res, id, 400, formErrors(problems, say, fieldOf), values);
    if (!items.some((i) => i.taskId === taskId)) {
      return this.render(page, res, id, 409, [{ field: 'overdue-list', message: page.i18n.t('overdue.error.notOverdue') }], {});
    }
    try {
      // A day from the date input is due at its end on the chair's clock (the engine's rule, as in the API).
      await this.deadlines.extend(taskId, dayOrMomentOf(dueAt)!, reason, page.person!.actor);
    } catch (err) {
      if (err instanceof ConflictError) {
        return this.render(page, res, id, 409, [{ field: 'overdue-list', message: page.i18n.t('overdue.error.changed') }], {});
      }
      const found = problemsOf(err);
      if (!found) throw err;
      return this.render(page, res, id, 400, formErrors(found, say, fieldOf), values);
    }
    res.redirect(303, `/cycles/${id}/overdue?extended=${taskId}`);
  }

  private async render(
    page: PageState,
    res: Response,
    id: string,
    status: number,
    errors: FormError[],
    values: Record<string, ExtensionValues>,
    notice: ExtensionOutcome | null = null,
  ) {
    const { cycle, items } = await this.progress.overdue(id);
    res.status(status).render('pages/overdue', {
      title: page.i18n.t('overdue.title', { cycle: cycle.name }),
      ...overdueView({ cycle, items, values }),
      errors,
      notice,
    });
  }
}
