import { Injectable } from '@nestjs/common';
import { ApiTokenRecord, ApiTokenRepository, EventRepository, isDuplicateKey, UserRecord, UserRepository, WorkingGroupRepository } from '@pact/persistence';
import { DEFAULT_TIME_ZONE, isTimeZone, SUPPORTED_LANGUAGES, textProblems } from '@pact/domain';
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, Problem } from '../errors';
import type { Chair, Role } from '@pact/domain';

export { ROLES } from '@pact/domain';

/** Who is calling: resolved from a bearer token on every request. */
export interface Principal {
  userId: string;
  /** The API token the request came with (machines); people's pages have a session instead. */
  tokenId?: string;
  name: string;
  email: string;
  roles: Role[];
  groupKeys: string[];
  /** How the event log names this caller. */
  actor: string;
}

/**
 * A user as the API shows them: without the hash of their calendar-feed token. Hashes of
 * credentials stay private, like API token hashes and webhook secrets.
 */
export type UserView = Omit<UserRecord, 'calendarTokenHash'>;

export function userView(u: UserRecord): UserView {
  const { calendarTokenHash: _hash, ...rest } = u;
  return rest;
}

export interface IssuedToken {
  id: string;
  /** Shown once; only its hash is stored. */
  token: string;
  name: string;
  expiresAt: Date;
}

const TOKEN_PREFIX = 'pact_';
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Users, their roles and their API tokens. Token expiry and revocation use wall-clock time,
 * never the (possibly simulated) cycle clock: security does not speed up in a demo.
 */
@Injectable()
export class IdentityService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly events: EventRepository,
  ) {}

  async createUser(input: { name: string; email: string; roles: Role[]; groupKeys?: string[]; language?: string; timeZone?: string }, actor: string): Promise<UserView> {
    const groupKeys = input.groupKeys ?? [];
    const problems: string[] = textProblems('name', input.name, 'line').map((p) => `${p.path}: ${p.message}`);
    if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) problems.push(`timeZone: ${input.timeZone} is not an IANA time zone`);
    if (input.roles.includes('chair') && groupKeys.length === 0) problems.push('groupKeys: a chair acts for at least one working group');
    if (!input.roles.includes('chair') && groupKeys.length > 0) problems.push('groupKeys: only chairs are bound to working groups');
    const known = new Set((await this.groups.findByKeys(groupKeys)).map((g) => g.key));
    groupKeys.forEach((k, i) => {
      if (!known.has(k)) problems.push(`groupKeys[${i}]: unknown working group "${k}"`);
    });
    if (problems.length) throw InvalidError.fromMessages(problems);
    const user = await this.insert({ ...input, roles: [...new Set(input.roles)], groupKeys }, actor);
    if (!user) throw new ConflictError(`a user with e-mail ${input.email} exists already`);
    return userView(user);
  }

  /**
   * Stores a new person and records `user.created` (with the group, when named chair of one).
   * Null when the address has an account already (the unique e-mail index decides).
   */
  private async insert(
    input: { name: string; email: string; roles: Role[]; groupKeys: string[]; language?: string; timeZone?: string },
    actor: string,
    groupKey?: string,
  ): Promise<UserRecord | null> {
    try {
      const user = await this.users.create({
        name: input.name,
        email: input.email.toLowerCase(),
        roles: input.roles,
        groupKeys: input.groupKeys,
        ...(input.language ? { language: input.language } : {}),
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
        createdAt: new Date(),
        createdBy: actor,
      });
      await this.events.append({ type: 'user.created', at: new Date(), actor, ...(groupKey ? { groupKey } : {}), data: { userId: user.id, email: user.email, roles: user.roles, groupKeys: user.groupKeys } });
      return user;
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /**
   * The chair the committee names for a group can sign in and act for it: a new account (chair of
   * the group, in the chair's language and time zone), or the group added to the account that has
   * the address. Idempotent, so every process may run it. A disabled account stays disabled
   * (null): re-enabling someone is a decision, not a side effect of naming them.
   */
  async grantChair(groupKey: string, chair: Chair, actor: string): Promise<{ user: UserView; created: boolean } | null> {
    const email = chair.email.toLowerCase();
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      const user = await this.insert({ ...chair, email, roles: ['chair'], groupKeys: [groupKey] }, actor, groupKey);
      if (user) return { user: userView(user), created: true };
      // Another process created the account meanwhile: add the group to it below.
    } else if (existing.roles.includes('chair') && existing.groupKeys.includes(groupKey)) {
      return { user: userView(existing), created: false };
    }
    const user = await this.users.addChairGroup(email, groupKey);
    if (!user) return null;
    await this.events.append({ type: 'user.chair-granted', at: new Date(), actor, groupKey, data: { userId: user.id, email } });
    return { user: userView(user), created: false };
  }

  /** The group's former chair no longer acts for it (their account and other roles stay). */
  async withdrawChair(groupKey: string, email: string, actor: string): Promise<void> {
    const user = await this.users.removeChairGroup(email, groupKey);
    if (user) await this.events.append({ type: 'user.chair-withdrawn', at: new Date(), actor, groupKey, data: { userId: user.id, email: user.email } });
  }

  async listUsers(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  async getUser(id: string): Promise<UserRecord> {
    const u = await this.users.findById(id);
    if (!u) throw new NotFoundError(`user ${id} does not exist`);
    return u;
  }

  async issueToken(userId: string, name: string, expiresInDays: number, actor: string): Promise<IssuedToken> {
    const problems = textProblems('name', name, 'line');
    if (problems.length) throw new InvalidError(problems);
    const user = await this.getUser(userId);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
    const rec = await this.tokens.create({ userId: user.id, name, hash: hashToken(token), hint: token.slice(0, 10), createdAt: new Date(), createdBy: actor, expiresAt });
    await this.events.append({ type: 'token.issued', at: new Date(), actor, data: { userId: user.id, tokenId: rec.id, name, expiresAt } });
    return { id: rec.id, token, name, expiresAt };
  }

  async listTokens(userId: string): Promise<Omit<ApiTokenRecord, 'hash'>[]> {
    await this.getUser(userId);
    return (await this.tokens.listByUser(userId)).map(({ hash, ...rest }) => rest);
  }

  /** The committee revokes any token; anyone else only their own. */
  async revokeToken(tokenId: string, by: Principal): Promise<void> {
    const token = await this.tokens.findById(tokenId);
    if (!token || (!by.roles.includes('committee') && token.userId !== by.userId)) throw new NotFoundError(`token ${tokenId} does not exist`);
    if (token.revokedAt) return;
    await this.tokens.revoke(tokenId, new Date());
    await this.events.append({ type: 'token.revoked', at: new Date(), actor: by.actor, data: { userId: token.userId, tokenId } });
  }

  /** Resolves a bearer token; null when unknown, revoked, expired or its user is disabled. */
  async authenticate(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const rec = await this.tokens.findByHash(hashToken(token));
    const now = new Date();
    if (!rec || rec.revokedAt || rec.expiresAt <= now) return null;
    const user = await this.users.findById(rec.userId);
    if (!user || user.disabledAt) return null;
    // lastUsedAt is kept to the minute. The write is awaited, so no write of this request is still
    // in flight when the token is next changed: FerretDB rewrites the whole document on update,
    // and a late "last used" write could otherwise undo a revocation or expiry made just after.
    if (!rec.lastUsedAt || now.getTime() - rec.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.tokens.touch(rec.id, now, TOUCH_EVERY_MS).catch(() => undefined);
    }
    return { userId: user.id, tokenId: rec.id, name: user.name, email: user.email, roles: user.roles, groupKeys: user.groupKeys, actor: `${user.roles[0]}:${user.email}` };
  }

  /** The first committee member, created from the command line; refused once one exists. */
  async bootstrapCommittee(name: string, email: string): Promise<{ user: UserView; token: IssuedToken }> {
    if ((await this.users.countWithRole('committee')) > 0) {
      throw new ForbiddenError('a committee member exists already: ask them to create users and tokens through the API');
    }
    const user = await this.createUser({ name, email, roles: ['committee'] }, 'bootstrap');
    const token = await this.issueToken(user.id, 'bootstrap', 365, 'bootstrap');
    return { user, token };
  }

  /** A person's language and time zone for pages and personal messages. */
  async updatePreferences(userId: string, prefs: { language: string; timeZone: string }, actor: string): Promise<UserRecord> {
    const problems: Problem[] = [];
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(prefs.language)) problems.push({ path: 'language', message: `not one of ${SUPPORTED_LANGUAGES.join(', ')}` });
    if (!isTimeZone(prefs.timeZone)) problems.push({ path: 'timeZone', message: `${prefs.timeZone} is not an IANA time zone` });
    if (problems.length) throw new InvalidError(problems);
    const user = await this.users.setPreferences(userId, prefs);
    if (!user) throw new NotFoundError(`user ${userId} does not exist`);
    await this.events.append({ type: 'user.preferences-changed', at: new Date(), actor, data: { userId, ...prefs } });
    return user;
  }

  /** The time zone a person reads dates in. */
  static timeZoneOf(user: Pick<UserRecord, 'timeZone'>): string {
    return user.timeZone && isTimeZone(user.timeZone) ? user.timeZone : DEFAULT_TIME_ZONE;
  }
}
