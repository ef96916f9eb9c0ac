import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { dayOrMomentOf } from '@pact/domain';
import { ConflictError, CycleProgressQuery, CycleService, ExtensionOutcome, ExtensionRequestService, PendingExtensionRequest } from '@pact/engine';
import type { Response } from 'express';
import { ExtensionDecisionDto } from '../../deadlines/extension-request.dto';
import { apiRuleProblems } from '../api-rules';
import { FormError, formErrors, problemsOf } from '../form-errors';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { DecisionValues, extensionRequestsView } from './extension-requests-view';
import { extensionMessage } from './extension-texts';

const ID = /^[0-9a-f]{24}$/;

/**
 * The chairs' requests for more time in a cycle, for the committee to grant or refuse with a
 * reason (ExtensionRequestService.decide, as POST /api/tasks/:id/extension-requests/:requestId/decision).
 * Each request says beforehand who hears of the decision; a grant may give another date than
 * the one proposed. Granting moves every timer of the request, as any extension does.
 */
@PageController('cycles')
@PageRoles('committee')
export class ExtensionRequestsPageController {
  constructor(
    private readonly cycles: CycleService,
    private readonly requests: ExtensionRequestService,
    private readonly progress: CycleProgressQuery,
  ) {}

  @Get(':id/extension-requests')
  async list(@Page() page: PageState, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res() res: Response) {
    const decided =
      typeof q.decided === 'string' && ID.test(q.decided) && typeof q.task === 'string' && ID.test(q.task)
        ? await this.progress.extensionOutcome(id, q.task, q.decided)
        : null;
    await this.render(page, res, id, 200, [], {}, decided?.request ? decided : null);
  }

  @Post(':id/extension-requests/:taskId/:requestId')
  async decide(
    @Page() page: PageState,
    @Param('id') id: string,
    @Param('taskId') taskId: string,
    @Param('requestId') requestId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const values: DecisionValues = { decision: s(body.decision), dueAt: s(body.dueAt), reason: s(body.reason) };
    const all = { [requestId]: values };
    const t = page.i18n.t;
    // An unknown cycle, or another programme's, is a 404.
    await this.cycles.getFor(page.person!, id, 'decide');
    const pending = await this.requests.pending({ cycleId: id });
    if (!pending.some((r) => r.id === requestId && r.taskId === taskId)) {
      return this.render(page, res, id, 409, [{ field: 'requests-list', message: t('extensionRequests.error.notPending') }], {});
    }
    const errors: FormError[] = [];
    if (values.decision !== 'grant' && values.decision !== 'refuse')
      errors.push({ field: `decision-${requestId}`, message: t('extensionRequests.error.decision') });
    const grant = values.decision === 'grant';
    // Refusing keeps the date: a date typed in the (always shown) field is not part of a refusal.
    const dto = { grant, ...(grant && values.dueAt ? { dueAt: values.dueAt } : {}), reason: values.reason };
    const say = extensionMessage(page.i18n);
    const fieldOf = (path: string) => (path === 'dueAt' ? `dueAt-${requestId}` : `reason-${requestId}`);
    errors.push(...formErrors(await apiRuleProblems(ExtensionDecisionDto, dto), say, fieldOf));
    if (errors.length) return this.render(page, res, id, 400, errors, all);
    try {
      // Another day than the one asked for is due at its end on the chair's clock (the engine's rule, as in the API).
      const dueAt = dto.dueAt ? dayOrMomentOf(dto.dueAt)! : undefined;
      await this.requests.decide(taskId, requestId, { grant, dueAt, reason: values.reason }, page.person!.actor);
    } catch (err) {
      if (err instanceof ConflictError) return this.render(page, res, id, 409, [{ field: 'requests-list', message: t('extensionRequests.error.changed') }], {});
      const found = problemsOf(err);
      if (!found) throw err;
      return this.render(page, res, id, 400, formErrors(found, say, fieldOf), all);
    }
    res.redirect(303, `/cycles/${id}/extension-requests?decided=${requestId}&task=${taskId}`);
  }

  private async render(
    page: PageState,
    res: Response,
    id: string,
    status: number,
    errors: FormError[],
    values: Record<string, DecisionValues>,
    decided: ExtensionOutcome | null = null,
  ) {
    const cycle = await this.cycles.getFor(page.person!, id, 'decide');
    const pending: PendingExtensionRequest[] = await this.requests.pending({ cycleId: id });
    const audience = await this.progress.decisionAudience(pending.map((r) => r.groupKey));
    res.status(status).render('pages/extension-requests', {
      title: page.i18n.t('extensionRequests.title', { cycle: cycle.name }),
      ...extensionRequestsView({ cycle, pending, audience, values }),
      errors,
      decided,
    });
  }
}
