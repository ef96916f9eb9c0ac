import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, MessageCatalogs, renderMessage } from '@pact/domain';
import {
  DeliveryAttempt,
  DeliveryRepository,
  EventRepository,
  RateCounterRepository,
  SignInLinkRepository,
  UserRecord,
  UserRepository,
} from '@pact/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { EmailChannel, EmailMessage } from '../notifications/email.channel';
import { MESSAGE_CATALOGS } from '../notifications/message-catalog.provider';
import { DeliveryError } from '../notifications/notification';
import { hashSecret, SessionService, StartedSession } from './session.service';
import { SignInLinkUnusable, TooManySignInRequests } from './sign-in.errors';
import { EngineSettings } from '../config/settings';

/** A sign-in link works this long, once. */
export const SIGN_IN_LINK_MINUTES = 15;
const WINDOW_MS = 15 * 60_000;
/** Immediate attempts at the sign-in e-mail: the person is waiting, and the link is short-lived. */
const SEND_DELAYS_MS = [0, 2_000, 8_000];
/** What the delivery log keeps of the message instead of the link. */
export const WITHHELD_LINK = '[sign-in link withheld]';

/** A same-site path: one leading slash, no scheme, no host, no backslash or control character. */
export function isSameSitePath(path: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  return /^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/.test(path) && path.length <= 1000;
}

/**
 * Passwordless sign-in: a person asks with their e-mail address and gets a link that works once
 * within 15 minutes; opening it starts a session. The link's token exists in readable form only
 * in that e-mail: MongoDB keeps its hash, the delivery log keeps the message without it, and
 * nothing is logged. Asking answers alike whether the address is known or not: the rate limits
 * count both, and the e-mail is written after the answer.
 */
@Injectable()
export class SignInService implements OnModuleDestroy {
  private readonly logger = new Logger(SignInService.name);
  private readonly publicUrl: string;
  private readonly perAddress: number;
  private readonly perClient: number;
  private readonly pending = new Set<Promise<void>>();
  private lastPurge = 0;

  constructor(
    settings: EngineSettings,
    @Inject(PACT_CONFIG) private readonly pact: PactConfig,
    @Inject(MESSAGE_CATALOGS) private readonly catalogs: MessageCatalogs,
    private readonly users: UserRepository,
    private readonly links: SignInLinkRepository,
    private readonly counters: RateCounterRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly events: EventRepository,
    private readonly email: EmailChannel,
    private readonly sessions: SessionService,
  ) {
    this.publicUrl = settings.publicUrl;
    this.perAddress = settings.signIn.limitPerAddress;
    this.perClient = settings.signIn.limitPerClient;
  }

  /**
   * A person asks for a sign-in link. Throws TooManySignInRequests when this address or this
   * client asked too often in the last 15 minutes; otherwise returns at once, known address or not.
   * `language` is the page's: the e-mail uses it when the person has not chosen one.
   */
  async requestLink(input: { email: string; next: string; client: string; language: string }): Promise<void> {
    const email = input.email.trim().toLowerCase();
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    const expiresAt = new Date((window + 1) * WINDOW_MS);
    const retryAfter = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    // Both counted on every request, so a known address cannot be told from an unknown one by its limit.
    const [byClient, byAddress] = await Promise.all([
      this.counters.hit(`sign-in-client-${hashSecret(input.client).slice(0, 32)}-${window}`, expiresAt),
      this.counters.hit(`sign-in-address-${hashSecret(email).slice(0, 32)}-${window}`, expiresAt),
    ]);
    if (byClient > this.perClient || byAddress > this.perAddress) throw new TooManySignInRequests(retryAfter);
    await this.purgeExpired();
    const user = await this.users.findByEmail(email);
    if (!user || user.disabledAt) return;
    this.inBackground(this.sendLink(user, isSameSitePath(input.next) ? input.next : '/', input.language));
  }

  /** Whether a link would still sign someone in (opening the link's page does not use it up). */
  async isUsable(token: string): Promise<boolean> {
    if (!isToken(token)) return false;
    return !!(await this.links.findUsable(hashSecret(token), new Date()));
  }

  /**
   * Uses the link up and starts a new session (never reusing an id the browser brought: the one
   * it had, `replacing`, is ended). Throws SignInLinkUnusable for an unknown, used or expired link.
   */
  async redeem(token: string, replacing?: string): Promise<StartedSession & { next: string; user: UserRecord }> {
    if (!isToken(token)) throw new SignInLinkUnusable();
    const link = await this.links.take(hashSecret(token), new Date());
    if (!link) throw new SignInLinkUnusable();
    const user = await this.users.findById(link.userId);
    if (!user || user.disabledAt) throw new SignInLinkUnusable();
    const started = await this.sessions.start(user, replacing);
    await this.purgeExpired();
    return { ...started, next: isSameSitePath(link.next) ? link.next : '/', user };
  }

  /**
   * A link for a person made without e-mail, for whoever runs the service on their own machine
   * (`npm start` prints it). Never called from a web request.
   */
  async issueLink(userId: string, next = '/'): Promise<{ url: string; expiresAt: Date }> {
    const user = await this.users.findById(userId);
    if (!user || user.disabledAt) throw new SignInLinkUnusable();
    const { token, expiresAt } = await this.createLink(user, next);
    return { url: this.linkUrl(token), expiresAt };
  }

  private async createLink(user: UserRecord, next: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
    await this.links.create({ tokenHash: hashSecret(token), userId: user.id, next, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  private linkUrl(token: string): string {
    return `${this.publicUrl}/sign-in/${token}`;
  }

  private async sendLink(user: UserRecord, next: string, pageLanguage: string): Promise<void> {
    const { token, expiresAt } = await this.createLink(user, next);
    const recipient = { language: user.language ?? pageLanguage, timeZone: user.timeZone ?? DEFAULT_TIME_ZONE };
    const facts = { recipientName: user.name, network: this.pact.network, cycleName: '', linkMinutes: SIGN_IN_LINK_MINUTES, linkExpiresAt: expiresAt };
    const message = renderMessage(this.catalogs, 'sign-in-link', recipient, { ...facts, signInLink: this.linkUrl(token) });
    const id = 'd' + randomUUID().replace(/-/g, '');
    const mail: EmailMessage = { to: { name: user.name, email: user.email }, language: message.language, subject: message.subject, text: message.text };
    const attempts: DeliveryAttempt[] = [];
    let status: 'delivered' | 'logged' | 'failed' = 'failed';
    for (const [i, delay] of SEND_DELAYS_MS.entries()) {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const started = Date.now();
      try {
        const result = await this.email.sendMessage(id, 'sign-in-link', mail);
        status = result.status;
        attempts.push({ n: i + 1, at: new Date(), status: result.status, code: result.code, durationMs: Date.now() - started, willRetry: false });
        break;
      } catch (err) {
        const e = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message, true);
        const willRetry = e.retryable && i < SEND_DELAYS_MS.length - 1;
        attempts.push({ n: i + 1, at: new Date(), status: 'failed', error: e.message, code: e.code, durationMs: Date.now() - started, willRetry });
        if (!willRetry) break;
      }
    }
    // The delivery log shows the message as sent, with the link withheld: it is written again without it.
    const logged = renderMessage(this.catalogs, 'sign-in-link', recipient, { ...facts, signInLink: WITHHELD_LINK });
    await this.deliveries.insertSettled(
      {
        id,
        dedupeKey: `sign-in-${id}`,
        kind: 'sign-in-link',
        channel: 'email',
        recipient: user.email,
        message: { ...mail, text: logged.text, timeZone: recipient.timeZone },
        status,
        createdAt: new Date(),
      },
      attempts,
    );
    await this.events.append({ type: 'sign-in.link-sent', at: new Date(), actor: 'engine', data: { userId: user.id, deliveryId: id, status } });
    if (status === 'failed') this.logger.warn(`the sign-in e-mail to user ${user.id} could not be sent: ${attempts[attempts.length - 1]?.error}`);
  }

  private inBackground(work: Promise<void>): void {
    const p = work.catch((err) => this.logger.error(`sign-in e-mail: ${(err as Error).message}`)).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Now and then, expired links, counters and sessions go (where MongoDB has no TTL index: FerretDB). */
  private async purgeExpired(): Promise<void> {
    if (Date.now() - this.lastPurge < 10 * 60_000) return;
    this.lastPurge = Date.now();
    const now = new Date();
    await Promise.all([this.sessions.purgeExpired(), this.links.purgeExpired(now), this.counters.purgeExpired(now)]).catch(() => undefined);
  }

  /** Sign-in e-mails being written finish before the process stops. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** For tests and `npm start`: resolves when every sign-in e-mail asked for so far is sent or failed. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

function isToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
