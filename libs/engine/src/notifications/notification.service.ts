import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AWAITING_STATUSES,
  Clock,
  CLOCK,
  daysBetween,
  DEFAULT_TIME_ZONE,
  FALLBACK_LANGUAGE,
  eventKeys,
  inLanguage,
  MessageCatalogs,
  MessageFacts,
  OverdueItem,
  renderMessage,
  textIn,
} from '@pact/domain';
import {
  DeliveryRepository,
  EventRepository,
  NewDelivery,
  TaskRepository,
  UserRecord,
  UserAddressRepository,
  UserRepository,
  WebhookSubscriptionRecord,
  WebhookSubscriptionRepository,
  WorkingGroupRecord,
  WorkingGroupRepository,
} from '@pact/persistence';
import { DeliveryQueue } from '@pact/queues';
import { createHash } from 'node:crypto';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { MESSAGE_CATALOGS } from './message-catalog.provider';
import { Notification, Recipient } from './notification';
import { EngineSettings } from '../config/settings';
import { ProgrammeCatalog } from '../programmes/programme-catalog';

interface PlanningContext {
  groups: Map<string, WorkingGroupRecord>;
  subscriptions: WebhookSubscriptionRecord[];
  users: Map<string, UserRecord>;
}

/** A date carried in a notification's details (a Date, or its ISO text once stored). */
const dateOf = (v: unknown): Date | undefined => (v instanceof Date || typeof v === 'string' || typeof v === 'number' ? new Date(v) : undefined);

/** Deterministic: the same notification planned twice (a retried job) names the same deliveries. */
export function deliveryId(dedupeKey: string, channel: string, target: string): string {
  return 'd' + createHash('sha256').update(`${dedupeKey}|${channel}|${target}`).digest('hex').slice(0, 31);
}

/**
 * Turns what the engine has to say into deliveries: an e-mail per recipient, rendered in their
 * language and time zone, and a signed webhook call per matching subscription. Deliveries are
 * stored first and queued second, so a queue lost with Redis is refilled by the reconciler; the
 * sending itself happens in the notifications worker, never inside the state change that caused it.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);
  private readonly publicUrl: string;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PACT_CONFIG) private readonly config: PactConfig,
    @Inject(MESSAGE_CATALOGS) private readonly catalogs: MessageCatalogs,
    settings: EngineSettings,
    private readonly events: EventRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly users: UserRepository,
    private readonly addresses: UserAddressRepository,
    private readonly queue: DeliveryQueue,
    private readonly tasks: TaskRepository,
    private readonly programmes: ProgrammeCatalog,
  ) {
    this.publicUrl = settings.publicUrl;
  }

  link(path: string): string {
    return `${this.publicUrl}${path}`;
  }

  /**
   * Where a message sends a person: the pages (at the site's root), which pass through sign-in
   * when needed. Webhook events carry the API's URLs instead (apiLinks), for the machines that read them.
   */
  private pageLinks(n: Notification): { taskLink?: string; cycleLink: string; reportLink: string; requestsLink: string } {
    const milestone = typeof n.details?.milestoneKey === 'string' ? `?milestone=${encodeURIComponent(n.details.milestoneKey)}` : '';
    return {
      taskLink: n.taskId ? this.link(`/tasks/${n.taskId}`) : undefined,
      cycleLink: this.link(`/cycles/${n.cycleId}`),
      reportLink: this.link(`/cycles/${n.cycleId}/report${milestone}`),
      // Where the committee decides a request for more time (the task page only shows it).
      requestsLink: this.link(`/cycles/${n.cycleId}/extension-requests`),
    };
  }

  private apiLinks(n: Notification): { taskLink?: string; cycleLink: string; reportLink: string } {
    const milestone = typeof n.details?.milestoneKey === 'string' ? `?milestone=${encodeURIComponent(n.details.milestoneKey)}` : '';
    return {
      taskLink: n.taskId ? this.link(`/api/tasks/${n.taskId}`) : undefined,
      cycleLink: this.link(`/api/cycles/${n.cycleId}`),
      reportLink: this.link(`/api/cycles/${n.cycleId}/report${milestone}`),
    };
  }

  async chairOf(groupKey: string): Promise<Recipient[]> {
    return (await this.chairsOf([groupKey])).get(groupKey) ?? [];
  }

  /** Each group's named chair, unless the committee disabled their account: a disabled person gets no e-mail. */
  async chairsOf(groupKeys: string[]): Promise<Map<string, Recipient[]>> {
    const groups = await this.groups.findByKeys([...new Set(groupKeys)]);
    // The accounts by address (key documents), then the accounts by id: reads by key only.
    const accounts = await this.addresses.userIdsOf(groups.map((g) => g.chair.email));
    const disabled = new Set((await this.users.findByIds([...accounts.values()])).filter((u) => u.disabledAt).map((u) => u.email.toLowerCase()));
    return new Map(
      groups.map((g) => [
        g.key,
        disabled.has(g.chair.email.toLowerCase())
          ? []
          : [{ name: g.chair.name, email: g.chair.email, language: g.chair.language, timeZone: g.chair.timeZone ?? DEFAULT_TIME_ZONE }],
      ]),
    );
  }

  /**
   * Welcomes a person the committee named chair of a group: which group, what is waiting for
   * them there (its open reports, how many and the next due date) and how to sign in. Planned as
   * any notification (stored, retried, deduplicated by `dedupeKey`: one per naming), so running
   * it again for the same naming sends nothing more.
   */
  async welcomeChair(chair: Pick<UserRecord, 'name' | 'email' | 'language' | 'timeZone'>, groupKey: string, dedupeKey: string): Promise<void> {
    const waiting = { groupKeys: [groupKey], status: AWAITING_STATUSES };
    const [openTaskCount, [next]] = await Promise.all([this.tasks.count(waiting), this.tasks.list(waiting, 1, 0)]);
    await this.send(
      {
        kind: 'chair-welcome',
        audience: 'chair',
        recipients: [{ name: chair.name, email: chair.email, language: chair.language ?? FALLBACK_LANGUAGE, timeZone: chair.timeZone ?? DEFAULT_TIME_ZONE }],
        cycleId: '',
        cycleName: '',
        groupKey,
        details: { openTaskCount, ...(next ? { nextDueAt: next.dueAt } : {}) },
      },
      dedupeKey,
    );
  }

  /** The steering committee's address list (config/programmes/pact.yaml). */
  committee(programme?: string): Recipient[] {
    const c = this.config.committee;
    // Another programme's committee (the Charter's steering group) is told of its own cycles, in the committee's language and zone.
    const own = programme && programme !== this.programmes.reportProgramme() ? this.programmes.committeeOf(programme) : c;
    return own.emails.map((email) => ({ name: textIn(own.name, c.language), email, language: c.language, timeZone: c.timeZone }));
  }

  /**
   * How many webhook subscriptions a notification of this kind about each group would reach
   * now (the same matching as planning), so a page can say who will be told before acting.
   */
  async webhooksReached(kind: Notification['kind'], audience: Notification['audience'], groupKeys: string[]): Promise<Map<string, number>> {
    const probes = groupKeys.map((groupKey) => ({ kind, audience, groupKey, recipients: [], cycleId: '', cycleName: '' }) as Notification);
    const ctx = await this.planningContext(probes);
    return new Map(probes.map((n) => [n.groupKey!, ctx.subscriptions.filter((s) => this.matches(s, n, ctx)).length]));
  }

  /**
   * Whether the notification with this dedupe key was planned: its deliveries stored (then they
   * go out, queued now or by the reconciler) or its notification.queued event recorded.
   */
  async wasPlanned(dedupeKey: string): Promise<boolean> {
    return (await this.events.exists(eventKeys.notificationQueued(dedupeKey))) || (await this.deliveries.existsFor(dedupeKey));
  }

  async send(n: Notification, dedupeKey: string): Promise<void> {
    await this.sendMany([{ notification: n, dedupeKey }]);
  }

  /** Many notifications with one insert of deliveries, one of events and one queue round trip: for fan-out to thousands of groups. */
  async sendMany(items: { notification: Notification; dedupeKey: string }[]): Promise<void> {
    if (!items.length) return;
    const now = this.clock.now();
    const ctx = await this.planningContext(items.map((i) => i.notification));
    const planned = items.map(({ notification, dedupeKey }) => ({ notification, dedupeKey, deliveries: this.plan(notification, dedupeKey, ctx, now) }));
    const all = planned.flatMap((p) => p.deliveries);
    await this.deliveries.insertNew(all);
    await this.events.appendMany(
      planned.map(({ notification: n, dedupeKey, deliveries }) => ({
        type: 'notification.queued',
        at: now,
        actor: 'engine',
        cycleId: n.cycleId,
        taskId: n.taskId,
        groupKey: n.groupKey,
        dedupeKey: eventKeys.notificationQueued(dedupeKey),
        data: {
          kind: n.kind,
          to: n.recipients.map((r) => r.email),
          webhooks: deliveries.filter((d) => d.channel === 'webhook').length,
          deliveries: deliveries.map((d) => d.id),
          ...this.eventDetails(n),
        },
      })),
    );
    try {
      await this.queue.enqueue(await this.deliveries.queued({ ids: all.map((d) => d.id) }));
    } catch (err) {
      // Stored, so not lost: the reconciler queues every delivery still marked queued.
      this.logger.warn(`could not queue ${all.length} deliveries now (${(err as Error).message}); the reconciler will`);
    }
  }

  private eventDetails(n: Notification): Record<string, unknown> {
    const { items, ...rest } = n.details ?? {};
    return Array.isArray(items) ? { ...rest, items: items.length } : rest;
  }

  private async planningContext(ns: Notification[]): Promise<PlanningContext> {
    const keys = [...new Set(ns.map((n) => n.groupKey).filter((k): k is string => !!k))];
    const groups = new Map((keys.length ? await this.groups.findByKeys(keys) : []).map((g) => [g.key, g]));
    const subscriptions = await this.subscriptions.listReceiving();
    const userIds = [...new Set(subscriptions.filter((s) => s.scope === 'user' && s.userId).map((s) => s.userId!))];
    const users = new Map<string, UserRecord>();
    for (const id of userIds) {
      const u = await this.users.findById(id);
      if (u && !u.disabledAt) users.set(id, u);
    }
    return { groups, subscriptions, users };
  }

  private matches(sub: WebhookSubscriptionRecord, n: Notification, ctx: PlanningContext): boolean {
    if (sub.kinds.length && !sub.kinds.includes(n.kind)) return false;
    switch (sub.scope) {
      case 'network':
        return true;
      case 'group':
        return !!n.groupKey && sub.groupKey === n.groupKey;
      case 'user': {
        const user = ctx.users.get(sub.userId ?? '');
        if (!user) return false;
        if (n.audience === 'committee') return user.roles.includes('committee');
        return !!n.groupKey && user.roles.includes('chair') && user.groupKeys.includes(n.groupKey);
      }
      default:
        return false;
    }
  }

  private facts(n: Notification, ctx: PlanningContext, now: Date): Omit<MessageFacts, 'recipientName'> {
    const d = n.details ?? {};
    const coverage = d.coverage as { onTime: number; late: number; missing: number } | undefined;
    return {
      network: this.config.network,
      cycleName: n.cycleName,
      fieldOfAction: n.groupKey ? (ctx.groups.get(n.groupKey)?.fieldOfAction ?? n.groupKey) : undefined,
      groupKey: n.groupKey,
      milestone: n.milestoneTitle,
      dueAt: n.dueAt,
      previousDueAt: dateOf(d.previousDueAt),
      proposedDueAt: dateOf(d.proposedDueAt),
      requestedBy: typeof d.requestedBy === 'string' ? d.requestedBy : undefined,
      daysLeft: typeof d.daysLeft === 'number' ? d.daysLeft : n.dueAt ? daysBetween(now, n.dueAt) : undefined,
      overdueDays: typeof d.overdueDays === 'number' ? d.overdueDays : undefined,
      level: typeof d.level === 'number' ? d.level : undefined,
      reason: typeof d.reason === 'string' ? d.reason : undefined,
      ...this.pageLinks(n),
      submittedCount: coverage ? coverage.onTime + coverage.late : undefined,
      lateCount: coverage?.late,
      missingCount: coverage?.missing,
      signInPage: this.link('/sign-in'),
      openTaskCount: typeof d.openTaskCount === 'number' ? d.openTaskCount : undefined,
      nextDueAt: dateOf(d.nextDueAt),
      items: Array.isArray(d.items) ? (d.items as OverdueItem[]).map((i) => ({ ...i, dueAt: new Date(i.dueAt) })) : undefined,
    };
  }

  private plan(n: Notification, dedupeKey: string, ctx: PlanningContext, now: Date): NewDelivery[] {
    const base = { dedupeKey, kind: n.kind, cycleId: n.cycleId, taskId: n.taskId, groupKey: n.groupKey, createdAt: now };
    const facts = this.facts(n, ctx, now);
    const out: NewDelivery[] = [];
    for (const r of n.recipients) {
      const msg = renderMessage(this.catalogs, n.kind, r, { ...facts, recipientName: r.name, email: r.email });
      out.push({
        ...base,
        id: deliveryId(dedupeKey, 'email', r.email.toLowerCase()),
        channel: 'email',
        recipient: r.email,
        message: { to: { name: r.name, email: r.email }, language: msg.language, timeZone: r.timeZone, subject: msg.subject, text: msg.text },
        status: 'queued',
      });
    }
    for (const sub of ctx.subscriptions) {
      if (!this.matches(sub, n, ctx)) continue;
      const id = deliveryId(dedupeKey, 'webhook', sub.id);
      out.push({
        ...base,
        id,
        channel: 'webhook',
        recipient: sub.url,
        subscriptionId: sub.id,
        message: this.webhookEvent(n, id, { ...facts, ...this.apiLinks(n) }, now),
        // A paused subscription's deliveries wait for it to be resumed; nothing is dropped.
        status: sub.status === 'paused' ? 'held' : 'queued',
      });
    }
    return out;
  }

  /**
   * The JSON a webhook receives: stable field names, ISO dates, links back to the API (under
   * /api), and texts from configuration in the programme's fallback language (a string each, as
   * a receiver's code expects).
   */
  private webhookEvent(n: Notification, id: string, facts: Omit<MessageFacts, 'recipientName'>, now: Date): Record<string, unknown> {
    const { coverage, items, previousDueAt, proposedDueAt, ...details } = n.details ?? {};
    return inLanguage(this.webhookPayload(n, id, facts, now, { coverage, items, previousDueAt, proposedDueAt, details }), this.config.languages.fallback);
  }

  private webhookPayload(
    n: Notification,
    id: string,
    facts: Omit<MessageFacts, 'recipientName'>,
    now: Date,
    { coverage, items, previousDueAt, proposedDueAt, details }: Record<string, unknown>,
  ): Record<string, unknown> {
    return {
      id,
      type: n.kind,
      occurredAt: now.toISOString(),
      network: this.config.network,
      // A chair's welcome belongs to no cycle.
      ...(n.cycleId ? { cycle: { id: n.cycleId, name: n.cycleName, url: facts.cycleLink } } : {}),
      ...(n.taskId
        ? {
            task: {
              id: n.taskId,
              groupKey: n.groupKey,
              fieldOfAction: facts.fieldOfAction,
              milestone: n.milestoneTitle,
              dueAt: n.dueAt?.toISOString(),
              url: facts.taskLink,
            },
          }
        : {}),
      data: {
        ...(details as Record<string, unknown>),
        ...(previousDueAt ? { previousDueAt: dateOf(previousDueAt)?.toISOString() } : {}),
        ...(proposedDueAt ? { proposedDueAt: dateOf(proposedDueAt)?.toISOString() } : {}),
        ...(coverage ? { coverage, reportUrl: facts.reportLink } : {}),
        ...(items ? { overdue: (items as OverdueItem[]).map((i) => ({ ...i, dueAt: new Date(i.dueAt).toISOString() })) } : {}),
      },
    };
  }
}
