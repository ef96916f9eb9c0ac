import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, following the Standard Webhooks specification (standardwebhooks.com), so
 * that a receiver in any language verifies a delivery with the `standardwebhooks` library:
 * `webhook-id` (the delivery's id, the same on every retry: receivers dedupe by it),
 * `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<raw body>">`, keyed with the bytes of the secret after its `whsec_` prefix.
 * A receiver recomputes the signature over the bytes it received and refuses old timestamps, so
 * a captured request cannot be replayed later.
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
/** Not a signature header: which event this is, so a receiver can route before parsing. */
export const EVENT_HEADER = 'x-pact-event';
export const REPLAY_TOLERANCE_SECONDS = 300;
export const SECRET_PREFIX = 'whsec_';

/**
 * The earlier scheme (`x-pact-signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`, keyed
 * with the whole secret string), still sent beside the standard headers during the transition
 * (WEBHOOK_LEGACY_SIGNATURE) so receivers written against it keep working until they switch.
 */
export const SIGNATURE_HEADER = 'x-pact-signature';
export const TIMESTAMP_HEADER = 'x-pact-timestamp';
export const DELIVERY_HEADER = 'x-pact-delivery';

/** A new signing secret in the specification's form: `whsec_` and the standard base64 of random bytes. */
export function webhookSecretFrom(randomKey: Buffer): string {
  return `${SECRET_PREFIX}${randomKey.toString('base64')}`;
}

/**
 * The HMAC key of the standard scheme: the bytes after `whsec_`. Secrets issued before the
 * standard were `whsec_` + base64url of the same kind of random bytes; Node's decoder reads both
 * alphabets, so they keep their key, and {@link standardWebhookSecret} spells them as the spec does.
 */
export function webhookSigningKey(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  if (key.length === 0) throw new Error('a webhook secret holds no key bytes');
  return key;
}

/** The same secret as the specification writes it (standard base64): what a receiver gives `new Webhook(…)`. */
export function standardWebhookSecret(secret: string): string {
  return webhookSecretFrom(webhookSigningKey(secret));
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, the value of `webhook-signature`. */
export function signStandardWebhook(secret: string, id: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', webhookSigningKey(secret)).update(`${id}.${timestamp}.`).update(rawBody).digest('base64');
  return `v1,${mac}`;
}

/** The earlier scheme's value of `x-pact-signature`. */
export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `v1=${mac}`;
}

/** Every header that signs and names one delivery attempt: the standard three, and the earlier ones while `legacy`. */
export function webhookHeaders(input: {
  secret: string;
  deliveryId: string;
  kind: string;
  timestamp: number;
  rawBody: string;
  legacy: boolean;
}): Record<string, string> {
  const { secret, deliveryId, kind, timestamp, rawBody } = input;
  const headers: Record<string, string> = {
    [WEBHOOK_ID_HEADER]: deliveryId,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signStandardWebhook(secret, deliveryId, timestamp, rawBody),
    [EVENT_HEADER]: kind,
  };
  if (input.legacy) {
    headers[DELIVERY_HEADER] = deliveryId;
    headers[TIMESTAMP_HEADER] = String(timestamp);
    headers[SIGNATURE_HEADER] = signWebhook(secret, timestamp, rawBody);
  }
  return headers;
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: string };

/** The earlier scheme's check, as its receivers did it (receivers of the standard scheme use the `standardwebhooks` library). */
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
