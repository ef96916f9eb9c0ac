import 'reflect-metadata';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { webhookSecretFrom } from '@pact/domain';
import type { DeliveryRecord } from '@pact/persistence';
import { Webhook } from 'standardwebhooks';
import { settingsFrom } from '../config/settings';
import { WebhookChannel } from './webhook.channel';

/** The channel against a real HTTP receiver on loopback, its headers checked by the standardwebhooks library. */
describe('WebhookChannel', () => {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  let server: Server;
  let url = '';
  const secret = webhookSecretFrom(Buffer.alloc(32, 7));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const channel = (env: Record<string, string>) =>
    new WebhookChannel(settingsFrom({ MONGODB_URI: 'mongodb://127.0.0.1:27017/pact', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', ...env }).engine);
  const delivery = { id: 'dlv-1', kind: 'extended', channel: 'webhook', recipient: '', message: { id: 'dlv-1', type: 'extended', data: { reason: 'ü' } } };

  it('signs by Standard Webhooks, with the earlier headers too while WEBHOOK_LEGACY_SIGNATURE is on (the default)', async () => {
    await channel({}).send({ ...delivery, recipient: url } as unknown as DeliveryRecord, secret);
    const { headers, body } = got.at(-1)!;
    expect(new Webhook(secret).verify(body, headers as Record<string, string>)).toEqual(delivery.message);
    expect(headers).toMatchObject({ 'webhook-id': 'dlv-1', 'x-pact-event': 'extended', 'x-pact-delivery': 'dlv-1' });
    expect(headers['x-pact-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(headers['x-pact-timestamp']).toBe(headers['webhook-timestamp']);
  });

  it('sends only the standard headers (and the event type) once WEBHOOK_LEGACY_SIGNATURE=false', async () => {
    await channel({ WEBHOOK_LEGACY_SIGNATURE: 'false' }).send({ ...delivery, recipient: url } as unknown as DeliveryRecord, secret);
    const { headers, body } = got.at(-1)!;
    expect(new Webhook(secret).verify(body, headers as Record<string, string>)).toEqual(delivery.message);
    expect(
      Object.keys(headers)
        .filter((h) => /^(webhook-|x-pact-)/.test(h))
        .sort(),
    ).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp', 'x-pact-event']);
  });

  it('refuses a WEBHOOK_LEGACY_SIGNATURE that is neither true nor false', () => {
    expect(() => channel({ WEBHOOK_LEGACY_SIGNATURE: 'yes' })).toThrow(/WEBHOOK_LEGACY_SIGNATURE/);
  });
});
