import { Injectable } from '@nestjs/common';
import { webhookHeaders } from '@pact/domain';
import type { DeliveryRecord } from '@pact/persistence';
import { resolvedTargetProblem } from '../webhooks/webhook-target';
import { ChannelResult, DeliveryError } from './notification';
import { EngineSettings } from '../config/settings';

/** Statuses worth another attempt: the receiver is overloaded or down, not refusing the content. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * POSTs the event as JSON, signed with the subscription's secret over the exact bytes sent
 * (Standard Webhooks, and the earlier x-pact-signature while WEBHOOK_LEGACY_SIGNATURE is on).
 * The `webhook-id` is the delivery's id, the same on every retry, so a receiver that got an
 * attempt whose answer was lost drops the repeat. The signature's timestamp is real time (the
 * receiver checks it against its own clock), even when the engine runs a simulated cycle.
 */
@Injectable()
export class WebhookChannel {
  private readonly timeoutMs: number;
  private readonly allowPrivate: boolean;
  private readonly legacySignature: boolean;

  constructor(settings: EngineSettings) {
    this.timeoutMs = settings.webhooks.timeoutMs;
    this.allowPrivate = settings.webhooks.allowPrivateTargets;
    this.legacySignature = settings.webhooks.legacySignature;
  }

  async send(d: DeliveryRecord, secret: string): Promise<ChannelResult> {
    if (!this.allowPrivate) {
      // Checked again at each delivery: a name may come to resolve into the internal network later.
      let problem: string | null;
      try {
        problem = await resolvedTargetProblem(d.recipient);
      } catch (err) {
        throw new DeliveryError(`webhook: cannot resolve the receiver (${(err as Error).message})`, true);
      }
      if (problem) throw new DeliveryError(`webhook: ${problem}`, false);
    }
    const body = JSON.stringify(d.message);
    const timestamp = Math.floor(Date.now() / 1000);
    let res: Response;
    try {
      res = await fetch(d.recipient, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'pact-monitoring-webhooks/1',
          ...webhookHeaders({ secret, deliveryId: d.id, kind: d.kind, timestamp, rawBody: body, legacy: this.legacySignature }),
        },
        body,
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const what = e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`;
      throw new DeliveryError(`webhook: ${what}`, true);
    }
    // Only the status matters; the body is read (and dropped) so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { status: 'delivered', code: res.status };
    throw new DeliveryError(`webhook: the receiver answered ${res.status}`, RETRYABLE.has(res.status), res.status);
  }
}
