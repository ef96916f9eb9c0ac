import { Inject, Injectable } from '@nestjs/common';
import type { Clock, NotificationKind } from '@pact/domain';
import {
  DeliveryRepository,
  EventRepository,
  UserRepository,
  WebhookSubscriptionRecord,
  WebhookSubscriptionRepository,
  WorkingGroupRepository,
} from '@pact/persistence';
import { DeliveryQueue } from '@pact/queues';
import { CLOCK, textProblems, webhookSecretFrom } from '@pact/domain';
import { randomBytes } from 'node:crypto';
import type { Principal } from '../identity/identity.service';
import { credentialsProblem, literalTargetProblem } from './webhook-target';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import type { WebhookScope, WebhookStatus } from '@pact/domain';
import { EngineSettings } from '../config/settings';

export interface NewSubscription {
  url: string;
  scope: WebhookScope;
  groupKey?: string;
  userId?: string;
  kinds?: NotificationKind[];
  description?: string;
}

/** What the API shows of a subscription: everything but the secret. */
export type SubscriptionView = Omit<WebhookSubscriptionRecord, 'secret'>;

export function viewOf(s: WebhookSubscriptionRecord): SubscriptionView {
  const { secret: _secret, ...rest } = s;
  return rest;
}

/**
 * Who may subscribe to what: the committee to anything; a chair to their own groups and to
 * what is addressed to themselves. Operators see every subscription (paused ones are theirs
 * to notice) and may resume them, but do not create them.
 */
@Injectable()
export class WebhookSubscriptionService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly users: UserRepository,
    private readonly events: EventRepository,
    private readonly queue: DeliveryQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: EngineSettings,
  ) {}

  private newSecret(): string {
    return webhookSecretFrom(randomBytes(32));
  }

  private isCommittee(p: Principal): boolean {
    return p.roles.includes('committee');
  }

  async create(input: NewSubscription, p: Principal): Promise<{ subscription: SubscriptionView; secret: string }> {
    const problems: string[] = textProblems('description', input.description, 'line').map((t) => `${t.path}: ${t.message}`);
    const credentials = credentialsProblem(input.url);
    if (credentials) problems.push(credentials);
    const target = this.settings.webhooks.allowPrivateTargets ? null : literalTargetProblem(input.url);
    if (target) problems.push(`${target} (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow internal receivers)`);
    if (input.scope === 'group') {
      if (!input.groupKey) problems.push('groupKey: required when scope is "group"');
      else if (!(await this.groups.findByKey(input.groupKey))) problems.push(`groupKey: no working group ${input.groupKey}`);
      if (input.userId) problems.push('userId: only with scope "user"');
    } else if (input.scope === 'user') {
      if (input.groupKey) problems.push('groupKey: only with scope "group"');
    } else if (input.groupKey || input.userId) {
      problems.push('groupKey/userId: a network subscription receives everything; leave them out');
    }
    if (problems.length) throw InvalidError.fromMessages(problems);

    const userId = input.scope === 'user' ? (input.userId ?? p.userId) : undefined;
    if (!this.isCommittee(p)) {
      if (input.scope === 'network') throw new ForbiddenError('only the steering committee may subscribe to the whole network');
      if (input.scope === 'group' && !p.groupKeys.includes(input.groupKey!)) throw new ForbiddenError(`you do not chair ${input.groupKey}`);
      if (input.scope === 'user' && userId !== p.userId) throw new ForbiddenError('a chair may subscribe to what is addressed to themselves only');
    }
    if (userId && !(await this.users.findById(userId))) throw InvalidError.fromMessages([`userId: no user ${userId}`]);

    const secret = this.newSecret();
    const created = await this.subscriptions.create({
      url: input.url,
      secret,
      scope: input.scope,
      groupKey: input.groupKey,
      userId,
      kinds: input.kinds ?? [],
      description: input.description,
      createdAt: this.clock.now(),
      createdBy: p.actor,
      ownerUserId: p.userId,
    });
    await this.events.append({
      type: 'webhook.created',
      at: this.clock.now(),
      actor: p.actor,
      groupKey: input.groupKey,
      data: { subscriptionId: created.id, url: created.url, scope: created.scope, kinds: created.kinds },
    });
    return { subscription: viewOf(created), secret };
  }

  private canSee(s: WebhookSubscriptionRecord, p: Principal): boolean {
    if (this.isCommittee(p) || p.roles.includes('operator')) return true;
    return s.ownerUserId === p.userId || s.userId === p.userId || (!!s.groupKey && p.groupKeys.includes(s.groupKey));
  }

  async list(p: Principal, status?: WebhookStatus[]): Promise<SubscriptionView[]> {
    const all = this.isCommittee(p) || p.roles.includes('operator');
    const found = await this.subscriptions.list({ status, ownerOrGroups: all ? undefined : { userId: p.userId, groupKeys: p.groupKeys } });
    return found.map(viewOf);
  }

  /** Another's subscription is reported as missing, not forbidden: its existence is not theirs to learn. */
  async get(id: string, p: Principal): Promise<WebhookSubscriptionRecord> {
    const s = await this.subscriptions.findById(id);
    if (!s || !this.canSee(s, p)) throw new NotFoundError(`webhook subscription ${id} does not exist`);
    return s;
  }

  /**
   * A person pauses an active subscription (its receiver is down for maintenance, or misbehaves):
   * from now on its deliveries are held, not attempted, until someone resumes it. The same people
   * as for resuming may. Pausing what is not active changes nothing (ConflictError).
   */
  async pause(id: string, p: Principal): Promise<{ subscription: SubscriptionView }> {
    const s = await this.get(id, p);
    this.mayPauseOrResume(s, p, 'pause');
    const reason = `paused by ${p.actor}`;
    const paused = await this.subscriptions.pause(id, this.clock.now(), reason);
    if (!paused) {
      throw new ConflictError(
        s.status === 'disabled'
          ? 'the subscription was deleted'
          : `the subscription is ${s.status === 'active' ? 'changing' : s.status} already; only an active subscription is paused`,
      );
    }
    await this.events.append({
      type: 'webhook.paused',
      at: this.clock.now(),
      actor: p.actor,
      groupKey: s.groupKey,
      data: { subscriptionId: id, url: s.url, reason },
    });
    return { subscription: viewOf(paused) };
  }

  private mayPauseOrResume(s: WebhookSubscriptionRecord, p: Principal, what: 'pause' | 'resume'): void {
    if (!this.isCommittee(p) && !p.roles.includes('operator') && s.ownerUserId !== p.userId) {
      throw new ForbiddenError(`only the committee, an operator or whoever created it may ${what} a subscription`);
    }
  }

  /**
   * Resumes a paused subscription; what was held while it was paused is sent now, in order.
   * The committee, operators (who watch paused subscriptions) and whoever created it may; a
   * chair who merely sees a subscription of their group, made by the committee, may not.
   */
  async resume(id: string, p: Principal): Promise<{ subscription: SubscriptionView; released: number }> {
    const s = await this.get(id, p);
    this.mayPauseOrResume(s, p, 'resume');
    if (s.status === 'disabled') throw InvalidError.fromMessages(['the subscription was deleted']);
    const resumed = (await this.subscriptions.resume(id))!;
    const released = await this.deliveries.requeue({ subscriptionId: id, from: ['held'] }, this.clock.now());
    await this.queue.enqueue(released);
    await this.events.append({
      type: 'webhook.resumed',
      at: this.clock.now(),
      actor: p.actor,
      groupKey: s.groupKey,
      data: { subscriptionId: id, url: s.url, released: released.length, wasPaused: s.status === 'paused' },
    });
    return { subscription: viewOf(resumed), released: released.length };
  }

  /**
   * A new signing secret, shown once; the old one stops working at once (a receiver switching
   * over should accept both for a moment: verify with the new, then the old).
   */
  async rotateSecret(id: string, p: Principal): Promise<{ subscription: SubscriptionView; secret: string }> {
    const s = await this.get(id, p);
    if (!this.isCommittee(p) && s.ownerUserId !== p.userId) throw new ForbiddenError('only the committee or whoever created it may rotate its secret');
    const secret = this.newSecret();
    const rotated = await this.subscriptions.setSecret(id, secret);
    if (!rotated) throw InvalidError.fromMessages(['the subscription was deleted']);
    await this.events.append({
      type: 'webhook.secret-rotated',
      at: this.clock.now(),
      actor: p.actor,
      groupKey: s.groupKey,
      data: { subscriptionId: id, url: s.url },
    });
    return { subscription: viewOf(rotated), secret };
  }

  async remove(id: string, p: Principal): Promise<SubscriptionView> {
    const s = await this.get(id, p);
    if (!this.isCommittee(p) && s.ownerUserId !== p.userId) throw new ForbiddenError('only the committee or whoever created it may delete a subscription');
    const removed = (await this.subscriptions.disable(id, this.clock.now())) ?? s;
    await this.events.append({ type: 'webhook.deleted', at: this.clock.now(), actor: p.actor, groupKey: s.groupKey, data: { subscriptionId: id, url: s.url } });
    return viewOf(removed);
  }
}
