import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { DeliveryStatus } from '@pact/domain';
import { ConflictError, DeliveryQuery, DeliveryService, HealthService, InvalidError, WebhookSubscriptionService, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { deliveryView, isPersonalMessage, logQuery, operationsNotice, operationsView, text } from './operations-view';

/** Rows per page of the delivery log. */
const PAGE_SIZE = 50;
/** A page of the log to come back to after a retry: the log itself, with its filters, or a delivery's page. */
const BACK = /^\/operations(\/deliveries\/d[0-9a-f]{31})?(\?[A-Za-z0-9_=&%.-]*)?$/;

/**
 * The operators' console: the delivery log (failed first, retry), webhook subscriptions
 * (pause, resume), the stores' health and the queues at a glance, and the way to the queue
 * dashboard. Every action is the engine's own (DeliveryService.retry, WebhookSubscriptionService
 * pause/resume), as the API's POST /api/deliveries/:id/retry and /api/webhooks/:id/pause|resume.
 */
@PageController('operations')
@PageRoles('operator', 'committee')
export class OperationsController {
  constructor(
    private readonly deliveries: DeliveryQuery,
    private readonly delivery: DeliveryService,
    private readonly webhooks: WebhookSubscriptionService,
    private readonly health: HealthService,
    private readonly groups: WorkingGroupService,
  ) {}

  @Get()
  async show(@Page() page: PageState, @Query() q: Record<string, unknown>, @Res() res: Response) {
    await this.renderConsole(page, res, 200, q, null);
  }

  @Get('deliveries/:id')
  async detail(@Page() page: PageState, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res() res: Response) {
    await this.renderDelivery(page, res, 200, id, text(q.done) === 'retried' ? page.i18n.t('operations.retried') : null, null);
  }

  @Post('deliveries/:id/retry')
  async retry(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const back = BACK.test(text(body.back)) ? text(body.back) : `/operations/deliveries/${id}`;
    try {
      await this.delivery.retry(id);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const found = await this.deliveries.get(id);
      const why = isPersonalMessage(found.kind)
        ? t('operations.retryRefusedPersonal')
        : t('operations.retryRefused', { state: t(`operations.deliveryStatus.${found.status}`) });
      return this.renderDelivery(page, res, 409, id, null, why);
    }
    const url = new URL(back, 'http://site');
    url.searchParams.set('done', 'retried');
    if (url.pathname === '/operations') url.searchParams.set('delivery', id);
    res.redirect(303, `${url.pathname}${url.search}`);
  }

  @Post('webhooks/:id/pause')
  async pause(@Page() page: PageState, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res() res: Response) {
    return this.subscriptionAction(page, res, id, 'pause', q);
  }

  @Post('webhooks/:id/resume')
  async resume(@Page() page: PageState, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res() res: Response) {
    return this.subscriptionAction(page, res, id, 'resume', q);
  }

  private async subscriptionAction(page: PageState, res: Response, id: string, action: 'pause' | 'resume', q: Record<string, unknown>) {
    const t = page.i18n.t;
    let released = 0;
    try {
      if (action === 'pause') await this.webhooks.pause(id, page.person!);
      else released = (await this.webhooks.resume(id, page.person!)).released;
    } catch (err) {
      if (!(err instanceof ConflictError) && !(err instanceof InvalidError)) throw err;
      const s = await this.webhooks.get(id, page.person!);
      const problem =
        s.status === 'disabled'
          ? t('operations.webhookDeleted')
          : t(action === 'pause' ? 'operations.pauseRefused' : 'operations.resumeRefused', { state: t(`operations.webhookStatus.${s.status}`) });
      return this.renderConsole(page, res, 409, q, problem);
    }
    res.redirect(
      303,
      `/operations?done=${action === 'pause' ? 'paused' : 'resumed'}&subscription=${id}${action === 'resume' ? `&released=${released}` : ''}#webhooks`,
    );
  }

  private async renderConsole(page: PageState, res: Response, status: number, q: Record<string, unknown>, problem: string | null) {
    const filter = logQuery(q);
    let log;
    try {
      log = await this.deliveries.log(
        { status: (filter.state || undefined) as DeliveryStatus | undefined, channel: filter.channel || undefined },
        { limit: PAGE_SIZE, after: filter.after || undefined },
      );
    } catch (err) {
      if (!(err instanceof InvalidError)) throw err;
      // A cursor that is not ours (typed, or from an older version): the first page.
      filter.after = '';
      log = await this.deliveries.log(
        { status: (filter.state || undefined) as DeliveryStatus | undefined, channel: filter.channel || undefined },
        { limit: PAGE_SIZE },
      );
    }
    const [counts, health, queues, subscriptions, groups] = await Promise.all([
      this.deliveries.countByStatus(),
      this.health.check(),
      this.health.queueCounts(),
      this.webhooks.list(page.person!, ['active', 'paused']),
      this.groups.list(),
    ]);
    res.status(status).render('pages/operations', {
      title: page.i18n.t('operations.title'),
      notice: problem ? null : operationsNotice(q, subscriptions, page.i18n.t),
      problem,
      health,
      queues,
      ...operationsView({ filter, log, counts, subscriptions, groups, i18n: page.i18n }),
    });
  }

  private async renderDelivery(page: PageState, res: Response, status: number, id: string, notice: string | null, problem: string | null) {
    const d = await this.deliveries.get(id);
    res.status(status).render('pages/operations-delivery', {
      title: page.i18n.t('operations.deliveryTitle'),
      d: deliveryView(d),
      notice,
      problem,
    });
  }
}
