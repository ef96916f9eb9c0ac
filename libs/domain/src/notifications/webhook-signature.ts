import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. The sender signs `<timestamp>.<raw body>` with the subscription's secret
 * (HMAC-SHA256) and sends the timestamp (Unix seconds) beside it; a receiver recomputes the
 * signature over the bytes it received and refuses old timestamps, so a captured request
 * cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'x-pact-signature';
export const TIMESTAMP_HEADER = 'x-pact-timestamp';
export const EVENT_HEADER = 'x-pact-event';
export const DELIVERY_HEADER = 'x-pact-delivery';
export const REPLAY_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `v1=${mac}`;
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: string };

export function verifyWebhook(input: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string | Buffer;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): WebhookVerdict {
  const { secret, signature, timestamp, rawBody } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'signature or timestamp header missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp is not Unix seconds' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? REPLAY_TOLERANCE_SECONDS;
  if (Math.abs(now - Number(timestamp)) > tolerance) return { ok: false, reason: `timestamp is more than ${tolerance} s away from now (replay?)` };
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
