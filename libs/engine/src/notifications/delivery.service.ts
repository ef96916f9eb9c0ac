import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@pact/domain';
import { CLOCK, eventKeys, PERSONAL_MESSAGE_KINDS } from '@pact/domain';
import { ConflictError, NotFoundError } from '../errors';
import { DeliveryAttempt, DeliveryRecord, DeliveryRepository, EventRepository, WebhookSubscriptionRepository } from '@pact/persistence';
import { DeliveryQueue } from '@pact/queues';
import { ChannelResult, DeliveryError } from './notification';
import { EmailChannel } from './email.channel';
import { WebhookChannel } from './webhook.channel';
import { EngineSettings } from '../config/settings';
import { EngineMetrics } from '../metrics/engine-metrics';

export type AttemptOutcome =
  { outcome: 'delivered' | 'logged' | 'skipped' | 'held' } | { outcome: 'retry'; error: string } | { outcome: 'failed'; error: string; retryable: boolean };

/**
 * One attempt at one delivery, recorded whatever happens. Channel failures become attempts in
 * the delivery log and, for webhooks, count towards pausing the subscription; they never reach
 * the cycle's state, which changed before the delivery was planned.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly pauseAfter: number;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly events: EventRepository,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly queue: DeliveryQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    settings: EngineSettings,
    private readonly metrics: EngineMetrics,
  ) {
    this.pauseAfter = settings.webhooks.pauseAfter;
  }

  /** One attempt, counted by channel and outcome where its outcome is known (pact_deliveries_total). */
  async attempt(deliveryId: string, lastAttempt: boolean): Promise<AttemptOutcome> {
    const { channel, outcome } = await this.attemptOnce(deliveryId, lastAttempt);
    this.metrics.deliveries.inc({ channel: channel ?? 'unknown', outcome: outcome.outcome });
    return outcome;
  }

  private async attemptOnce(deliveryId: string, lastAttempt: boolean): Promise<{ channel?: string; outcome: AttemptOutcome }> {
    const d = await this.deliveries.findById(deliveryId);
    const outcome = (o: AttemptOutcome) => ({ channel: d?.channel, outcome: o });
    if (!d || d.status !== 'queued') return outcome({ outcome: 'skipped' });
    const n = d.attemptCount + 1;
    let secret = '';
    if (d.channel === 'webhook') {
      const sub = await this.subscriptions.findById(d.subscriptionId ?? '');
      if (sub?.status === 'paused') {
        await this.deliveries.hold(d.id, this.clock.now());
        // Resumed between our read and the hold: the resume released only what was held then.
        if ((await this.subscriptions.findById(sub.id))?.status === 'active') {
          await this.queue.enqueue(await this.deliveries.requeue({ id: d.id, from: ['held'] }, this.clock.now()));
        }
        return outcome({ outcome: 'held' });
      }
      if (!sub || sub.status === 'disabled') {
        const error = 'the webhook subscription was removed';
        await this.record(d, { n, at: this.clock.now(), status: 'failed', error, durationMs: 0, willRetry: false }, 'failed');
        return outcome({ outcome: 'failed', error, retryable: false });
      }
      secret = sub.secret;
    }

    const started = Date.now();
    let result: ChannelResult;
    try {
      result = d.channel === 'email' ? await this.email.send(d) : await this.webhook.send(d, secret);
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message, true);
      const willRetry = e.retryable && !lastAttempt;
      const at = this.clock.now();
      await this.record(
        d,
        { n, at, status: 'failed', error: e.message, code: e.code, durationMs: Date.now() - started, willRetry },
        willRetry ? 'queued' : 'failed',
      );
      if (willRetry) return outcome({ outcome: 'retry', error: e.message });
      this.logger.warn(`delivery ${d.id} (${d.channel} ${d.kind} → ${d.recipient}) failed for good: ${e.message}`);
      if (d.channel === 'webhook') await this.countWebhookFailure(d, e.message, at);
      return outcome({ outcome: 'failed', error: e.message, retryable: e.retryable });
    }
    const at = this.clock.now();
    await this.record(d, { n, at, status: result.status, code: result.code, durationMs: Date.now() - started, willRetry: false }, result.status);
    if (d.channel === 'webhook') await this.subscriptions.recordSuccess(d.subscriptionId!, at);
    return outcome({ outcome: result.status });
  }

  private async record(d: DeliveryRecord, attempt: DeliveryAttempt, status: DeliveryRecord['status']): Promise<void> {
    const done = await this.deliveries.recordAttempt(d.id, attempt, status);
    if (!done) this.logger.debug(`delivery ${d.id}: attempt ${attempt.n} already recorded by another worker`);
  }

  private async countWebhookFailure(d: DeliveryRecord, error: string, at: Date): Promise<void> {
    const paused = await this.subscriptions.recordFailure(d.subscriptionId!, error, at, this.pauseAfter);
    if (!paused) return;
    this.logger.warn(`webhook subscription ${d.subscriptionId} (${d.recipient}) paused after ${this.pauseAfter} failed deliveries`);
    await this.events.append({
      type: 'webhook.paused',
      at,
      actor: 'engine',
      dedupeKey: eventKeys.webhookPaused(d.subscriptionId!, d.id),
      data: { subscriptionId: d.subscriptionId, url: d.recipient, failedDeliveries: this.pauseAfter, lastError: error },
    });
  }

  /** A person asks to try a failed delivery again: a new round of attempts, the old ones kept. */
  async retry(deliveryId: string): Promise<DeliveryRecord | null> {
    const d = await this.deliveries.findById(deliveryId);
    if (!d) throw new NotFoundError(`delivery ${deliveryId} does not exist`);
    if (d.status !== 'failed') throw new ConflictError(`the delivery is ${d.status}; only failed deliveries are retried`);
    if ((PERSONAL_MESSAGE_KINDS as readonly string[]).includes(d.kind))
      throw new ConflictError('a sign-in link is never sent again; the person asks for a new one');
    const requeued = await this.deliveries.requeue({ id: deliveryId, from: ['failed'] }, this.clock.now());
    await this.queue.enqueue(requeued);
    return this.deliveries.findById(deliveryId);
  }

  /** How many deliveries are in each state (queued, delivered, logged, failed, held): the operators' overview. */
  countByStatus(): Promise<Record<string, number>> {
    return this.deliveries.countByStatus();
  }
}
