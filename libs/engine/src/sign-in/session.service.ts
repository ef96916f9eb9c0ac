import { Injectable } from '@nestjs/common';
import { EventRepository, SessionRecord, SessionRepository, SiteKeyRepository, UserRecord, UserRepository } from '@pact/persistence';
import { createHash, randomBytes } from 'node:crypto';
import { IdentityService, Principal } from '../identity/identity.service';
import { EngineSettings } from '../config/settings';

/** A person signed in on the pages: who they are, and what their session holds. */
export interface Person extends Principal {
  sessionId: string;
  /** Their chosen language (unset: the browser's); time zone always set (default Europe/Brussels). */
  language?: string;
  timeZone: string;
}

export interface StartedSession {
  /** The cookie's value, shown to the browser only; its hash is stored. */
  cookie: string;
  session: SessionRecord;
}

const TOUCH_EVERY_MS = 60_000;

export function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * People's sessions, kept in MongoDB. Expiry (idle and absolute) is checked here on every
 * request, in wall-clock time like API tokens; TTL indexes only clean up. Ending a session
 * deletes it, so nothing written concurrently can bring it back.
 */
@Injectable()
export class SessionService {
  private readonly idleMs: number;
  private readonly maxMs: number;
  private formKey?: Promise<Buffer>;

  constructor(
    settings: EngineSettings,
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly events: EventRepository,
    private readonly keys: SiteKeyRepository,
    private readonly identity: IdentityService,
  ) {
    this.idleMs = settings.signIn.sessionIdleMinutes * 60_000;
    this.maxMs = settings.signIn.sessionMaxHours * 3_600_000;
  }

  /** How long a session may live at most (the cookie's Max-Age). */
  get maxAgeMs(): number {
    return this.maxMs;
  }

  /** A new session with a new random id; the id the browser had before (if any) is ended, so it can never be fixed in advance. */
  async start(user: UserRecord, replacing?: string): Promise<StartedSession> {
    if (replacing) await this.sessions.delete(hashSecret(replacing)).catch(() => false);
    const cookie = randomBytes(32).toString('base64url');
    const now = new Date();
    const session = await this.sessions.create({
      id: hashSecret(cookie),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(Math.min(now.getTime() + this.idleMs, now.getTime() + this.maxMs)),
      expiresAt: new Date(now.getTime() + this.maxMs),
    });
    await this.events.append({ type: 'session.started', at: now, actor: actorOf(user), data: { userId: user.id, sessionId: session.id } });
    return { cookie, session };
  }

  /** The person behind a session cookie; null when unknown, idle too long, past its absolute expiry, or the user is disabled. */
  async authenticate(cookie: string | undefined): Promise<Person | null> {
    if (!cookie || cookie.length > 200) return null;
    const s = await this.sessions.findById(hashSecret(cookie));
    if (!s) return null;
    const now = new Date();
    if (s.expiresAt <= now || s.idleExpiresAt <= now) {
      await this.sessions.delete(s.id).catch(() => false);
      return null;
    }
    const user = await this.users.findById(s.userId);
    if (!user || user.disabledAt) return null;
    // Awaited, and at most once a minute (as for API tokens): no write of this request is still in flight afterwards.
    if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      const idle = new Date(Math.min(now.getTime() + this.idleMs, s.expiresAt.getTime()));
      await this.sessions.touch(s.id, now, idle).catch(() => undefined);
    }
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      ...(await this.identity.scopeOf(user)),
      actor: actorOf(user),
      sessionId: s.id,
      language: user.language,
      timeZone: IdentityService.timeZoneOf(user),
    };
  }

  /** Ends this session. */
  async signOut(cookie: string): Promise<void> {
    await this.sessions.delete(hashSecret(cookie));
  }

  /** Ends every session of the person, in every browser. Returns how many were ended. */
  async signOutEverywhere(person: Pick<Person, 'userId' | 'actor'>): Promise<number> {
    const ended = await this.sessions.deleteByUser(person.userId);
    await this.events.append({ type: 'session.ended-everywhere', at: new Date(), actor: person.actor, data: { userId: person.userId, sessions: ended } });
    return ended;
  }

  /** The site's key for signing forms (the web layer's CSRF tokens): made once, shared by every API process. */
  formSigningKey(): Promise<Buffer> {
    this.formKey ??= this.keys.getOrCreate('form-signing', () => randomBytes(32).toString('base64url')).then((k) => Buffer.from(k, 'utf8'));
    this.formKey.catch(() => (this.formKey = undefined));
    return this.formKey;
  }

  /** Deletes expired sessions (callers decide how often). */
  async purgeExpired(): Promise<void> {
    await this.sessions.purgeExpired(new Date());
  }
}

export function actorOf(user: Pick<UserRecord, 'roles' | 'email'>): string {
  return `${user.roles[0]}:${user.email}`;
}
