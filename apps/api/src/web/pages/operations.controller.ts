import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { PERSONAL_MESSAGE_KINDS } from '@pact/domain';
import type { DeliveryStatus } from '@pact/domain';
import {
  ConflictError,
  DeliveryQuery,
  DeliveryService,
  HealthService,
  InvalidError,
  LOG_STATE_ORDER,
  SubscriptionView,
  WebhookSubscriptionService,
  WorkingGroupService,
} from '@pact/engine';
import type { Response } from 'express';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';

/** Rows per page of the delivery log. */
const PAGE_SIZE = 50;
const CHANNELS = ['email', 'webhook'];
const DELIVERY_ID = /^d[0-9a-f]{31}$/;
const SUBSCRIPTION_ID = /^[0-9a-f]{24}$/;
/** A page of the log to come back to after a retry: the log itself, with its filters, or a delivery's page. */
const BACK = /^\/operations(\/deliveries\/d[0-9a-f]{31})?(\?[A-Za-z0-9_=&%.-]*)?$/;

interface LogQuery {
  state: string;
  channel: string;
  after: string;
}

/** What a person may read of a recipient: the e-mail address, or only the host of a webhook's URL (its path may hold a token). */
export function recipientOf(d: { channel: string; recipient: string }): string {
  if (d.channel !== 'webhook') return d.recipient;
  try {
    return new URL(d.recipient).host;
  } catch {
    return '—';
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

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
      const why = (PERSONAL_MESSAGE_KINDS as readonly string[]).includes(found.kind)
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

  private logQuery(q: Record<string, unknown>): LogQuery {
    const state = text(q.state);
    const channel = text(q.channel);
    return {
      state: (LOG_STATE_ORDER as string[]).includes(state) ? state : '',
      channel: CHANNELS.includes(channel) ? channel : '',
      after: /^[A-Za-z0-9_-]{1,400}$/.test(text(q.after)) ? text(q.after) : '',
    };
  }

  private notice(page: PageState, q: Record<string, unknown>, subscriptions: SubscriptionView[]): string | null {
    const t = page.i18n.t;
    const done = text(q.done);
    if (done === 'retried' && DELIVERY_ID.test(text(q.delivery))) return t('operations.retried');
    const s = SUBSCRIPTION_ID.test(text(q.subscription)) ? subscriptions.find((x) => x.id === text(q.subscription)) : undefined;
    if (!s) return null;
    const host = recipientOf({ channel: 'webhook', recipient: s.url });
    if (done === 'paused') return t('operations.pausedNotice', { host });
    if (done === 'resumed') return t('operations.resumedNotice', { host, count: Math.max(0, Number(text(q.released)) || 0) });
    return null;
  }

  private async renderConsole(page: PageState, res: Response, status: number, q: Record<string, unknown>, problem: string | null) {
    const t = page.i18n.t;
    const filter = this.logQuery(q);
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
    const params = (extra: Record<string, string>) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries({ state: filter.state, channel: filter.channel, ...extra })) if (v) p.set(k, v);
      const s = p.toString();
      return s ? `?${s}` : '';
    };
    const here = `/operations${params({ after: filter.after })}`;
    const fieldOfAction = new Map(groups.map((g) => [g.key, g.fieldOfAction]));
    res.status(status).render('pages/operations', {
      title: t('operations.title'),
      notice: problem ? null : this.notice(page, q, subscriptions),
      problem,
      health,
      queues,
      counts: LOG_STATE_ORDER.map((s) => ({ state: s, count: counts[s] ?? 0 })),
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      filter,
      stateOptions: [
        { value: '', label: t('operations.allStates') },
        ...LOG_STATE_ORDER.map((s) => ({ value: s, label: `${t(`operations.deliveryStatus.${s}`)} (${page.i18n.number(counts[s] ?? 0)})` })),
      ],
      channelOptions: [{ value: '', label: t('operations.allChannels') }, ...CHANNELS.map((c) => ({ value: c, label: t(`operations.channel.${c}`) }))],
      rows: log.items.map((d) => ({
        ...d,
        to: recipientOf(d),
        retryable: d.status === 'failed' && !(PERSONAL_MESSAGE_KINDS as readonly string[]).includes(d.kind),
      })),
      next: log.next ? `/operations${params({ after: log.next })}#log` : null,
      first: filter.after ? `/operations${params({})}#log` : null,
      back: here,
      // The receiver's host only: a webhook URL's path may hold its secret (as chat services' do).
      subscriptions: subscriptions.map((s) => ({
        ...s,
        url: undefined,
        target: recipientOf({ channel: 'webhook', recipient: s.url }),
        groupName: s.groupKey ? (fieldOfAction.get(s.groupKey) ?? s.groupKey) : null,
      })),
    });
  }

  private async renderDelivery(page: PageState, res: Response, status: number, id: string, notice: string | null, problem: string | null) {
    const d = await this.deliveries.get(id);
    res.status(status).render('pages/operations-delivery', {
      title: page.i18n.t('operations.deliveryTitle'),
      d: { ...d, to: recipientOf(d), retryable: d.status === 'failed' && !(PERSONAL_MESSAGE_KINDS as readonly string[]).includes(d.kind) },
      notice,
      problem,
    });
  }
}
