import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

/**
 * Local receivers for what the engine delivers, used by the demo and the end-to-end tests:
 * nothing leaves the machine, yet the engine talks real SMTP and real HTTP to them.
 *
 * MailSink: an SMTP server on loopback (STARTTLS with smtp-server's own certificate, AUTH
 * required), keeping every message it accepts, parsed, and optionally writing each as an .eml
 * file. Recipients containing "bounce" are refused with 550.
 */
export class MailSink {
  readonly messages: ParsedMail[] = [];
  readonly user = 'pact';
  readonly password = 'smtp-secret';
  private server!: SMTPServer;
  port = 0;

  constructor(private readonly outbox?: string) {
    if (outbox) mkdirSync(outbox, { recursive: true });
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      secure: false,
      logger: false,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth: (auth, _session, cb) =>
        auth.username === this.user && auth.password === this.password ? cb(null, { user: auth.username }) : cb(new Error('Invalid username or password')),
      onRcptTo: (address, _session, cb) => {
        if (address.address.includes('bounce')) {
          const err = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
          err.responseCode = 550;
          return cb(err);
        }
        cb();
      },
      onData: (stream, _session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((mail) => {
              this.messages.push(mail);
              // Named by time, so an outbox kept across runs (npm start) never overwrites a message.
              if (this.outbox)
                writeFileSync(join(this.outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(this.messages.length).padStart(4, '0')}.eml`), raw);
              cb();
            })
            .catch(cb);
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  env(): Record<string, string> {
    return {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.port),
      SMTP_SECURE: 'false',
      SMTP_REQUIRE_TLS: 'true',
      SMTP_TLS_VERIFY: 'false',
      SMTP_USER: this.user,
      SMTP_PASSWORD: this.password,
      SMTP_FROM: 'Pact secretariat <secretariat@pact.example.eu>',
    };
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      return to.some((t) => t.value.some((v) => v.address === address));
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedHook {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
  /** Unix seconds at receipt: what a receiver checks the signature's timestamp against. */
  receivedAt: number;
  /** On a path with a secret ({@link WebhookReceiver.verifyWith}): what `standardwebhooks`' `Webhook.verify` said. */
  verdict?: { ok: true } | { ok: false; error: string };
}

/**
 * An HTTP receiver whose answer per path is set by the test: a fixed status, or a list consumed in order.
 * On a path given a secret it verifies each request at receipt as any receiver would, with the
 * `standardwebhooks` library, and answers 401 to one it refuses (the planned status is not used then).
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private readonly plans = new Map<string, number[] | number>();
  private readonly secrets = new Map<string, Webhook>();
  private readonly delays = new Map<string, number[]>();
  private server!: Server;
  port = 0;

  answer(path: string, statuses: number[] | number): void {
    this.plans.set(path, Array.isArray(statuses) ? [...statuses] : statuses);
  }

  /** The next answers on `path` come only after these delays (ms), one per request. */
  delay(path: string, delaysMs: number[]): void {
    this.delays.set(path, [...delaysMs]);
  }

  /** From now on, requests on `path` must carry a Standard Webhooks signature made with `secret`. */
  verifyWith(path: string, secret: string): void {
    this.secrets.set(path, new Webhook(secret));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): ReceivedHook[] {
    return this.received.filter((r) => r.path === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const body = Buffer.concat(chunks).toString('utf8');
        const verdict = this.verdictOn(path, req.headers, body);
        const plan = this.plans.get(path) ?? 200;
        const planned = Array.isArray(plan) ? (plan.length > 1 ? plan.shift()! : (plan[0] ?? 200)) : plan;
        const status = verdict?.ok === false ? 401 : planned;
        this.received.push({ path, headers: req.headers, body, status, receivedAt: Math.floor(Date.now() / 1000), verdict });
        const wait = this.delays.get(path)?.shift() ?? 0;
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
        }, wait);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /**
   * Sends a received call to this receiver again, changed as an attacker would: another body under
   * the same signature, or signed anew with the path's secret at another time (a valid signature on
   * an old timestamp). Answers what the receiver recorded for it.
   */
  async replay(call: ReceivedHook, change: { body: string } | { timestampSeconds: number }): Promise<ReceivedHook> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.headers)) if (/^(content-type|webhook-|x-pact-)/.test(name)) headers[name] = String(value);
    let body = call.body;
    if ('body' in change) body = change.body;
    else {
      const receiver = this.secrets.get(call.path);
      if (!receiver) throw new Error(`no secret to sign with on ${call.path}`);
      headers['webhook-timestamp'] = String(change.timestampSeconds);
      headers['webhook-signature'] = receiver.sign(headers['webhook-id'], new Date(change.timestampSeconds * 1000), body);
    }
    const before = this.received.length;
    await fetch(this.url(call.path), { method: 'POST', headers, body });
    return this.received[before];
  }

  private verdictOn(path: string, headers: IncomingMessage['headers'], body: string): ReceivedHook['verdict'] {
    const receiver = this.secrets.get(path);
    if (!receiver) return undefined;
    try {
      receiver.verify(body, headers as Record<string, string>);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
