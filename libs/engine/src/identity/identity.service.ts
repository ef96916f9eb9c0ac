import { Injectable } from '@nestjs/common';
import {
  ApiTokenRecord,
  ApiTokenRepository,
  UserAddressRepository,
  EventRepository,
  isDuplicateKey,
  SessionRepository,
  SignInLinkRepository,
  UserRecord,
  UserRepository,
  WorkingGroupRepository,
} from '@pact/persistence';
import { DEFAULT_TIME_ZONE, isCommitteeOf, isTimeZone, LANGUAGES, programmesOf, SINGLE_NETWORK_PROGRAMME, textProblems } from '@pact/domain';
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, Problem } from '../errors';
import { ChairWelcome } from './chair-welcome';
import { ProgrammeCatalog } from '../programmes/programme-catalog';
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
  /** The programmes whose committee they sit on (`committee` holds there only). */
  committeeOf: string[];
  groupKeys: string[];
  /** The programmes they take part in: their committees' and their groups' (operators see every programme besides). */
  programmes: string[];
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
    private readonly addresses: UserAddressRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly events: EventRepository,
    private readonly sessions: SessionRepository,
    private readonly links: SignInLinkRepository,
    private readonly welcomes: ChairWelcome,
    private readonly programmes: ProgrammeCatalog,
  ) {}

  /**
   * Adds a person. `grantor` is the committee member adding them (people's API and pages): the
   * committee seats given (`committeeOf`, default the grantor's own) must be among theirs, so no
   * programme's committee names members of another's (403).
   */
  async createUser(
    input: { name: string; email: string; roles: Role[]; groupKeys?: string[]; committeeOf?: string[]; language?: string; timeZone?: string },
    actor: string,
    grantor?: Pick<Principal, 'roles' | 'committeeOf'>,
  ): Promise<UserView> {
    const groupKeys = input.groupKeys ?? [];
    const roles = [...new Set(input.roles)];
    const committeeOf = roles.includes('committee') ? [...new Set(input.committeeOf ?? grantor?.committeeOf ?? [SINGLE_NETWORK_PROGRAMME])] : [];
    const problems = await this.personProblems({ ...input, roles, groupKeys, committeeOf }, grantor);
    if (problems.length) throw new InvalidError(problems);
    this.mayGrantSeats(grantor, committeeOf, []);
    const user = await this.insert({ ...input, roles, groupKeys, committeeOf }, actor);
    if (!user) throw new ConflictError(`a user with e-mail ${input.email} exists already`);
    for (const k of user.roles.includes('chair') ? user.groupKeys : []) await this.welcome(user, k, user.createdAt);
    return userView(user);
  }

  /**
   * What may be said of a person, when added or edited (one rule for both): a single-line name,
   * a known language and time zone, and working groups exactly when they are a chair.
   */
  /** Committee seats change only in the grantor's own programmes (403 naming the programme). */
  private mayGrantSeats(grantor: Pick<Principal, 'committeeOf'> | undefined, after: string[], before: string[]): void {
    if (!grantor) return;
    const changed = [...after.filter((p) => !before.includes(p)), ...before.filter((p) => !after.includes(p))];
    const foreign = changed.filter((p) => !grantor.committeeOf.includes(p));
    if (foreign.length) throw new ForbiddenError(`you do not sit on the committee of ${foreign.map((p) => `"${p}"`).join(', ')}: its members name its seats`);
  }

  private async personProblems(
    p: {
      name?: string;
      roles?: Role[];
      groupKeys?: string[];
      committeeOf?: string[];
      language?: string;
      timeZone?: string;
    },
    grantor?: Pick<Principal, 'roles' | 'committeeOf'>,
  ): Promise<Problem[]> {
    const problems: Problem[] = [...textProblems('name', p.name, 'line')];
    if (p.language !== undefined && !(LANGUAGES as readonly string[]).includes(p.language))
      problems.push({ path: 'language', message: `not one of ${LANGUAGES.join(', ')}` });
    if (p.timeZone !== undefined && !isTimeZone(p.timeZone)) problems.push({ path: 'timeZone', message: `${p.timeZone} is not an IANA time zone` });
    if (p.roles && p.groupKeys) {
      if (p.roles.length === 0) problems.push({ path: 'roles', message: 'a person has at least one role' });
      if (p.roles.includes('chair') && p.groupKeys.length === 0) problems.push({ path: 'groupKeys', message: 'a chair acts for at least one working group' });
      if (!p.roles.includes('chair') && p.groupKeys.length > 0) problems.push({ path: 'groupKeys', message: 'only chairs are bound to working groups' });
    }
    if (p.roles && p.committeeOf) {
      if (p.roles.includes('committee') && p.committeeOf.length === 0)
        problems.push({ path: 'committeeOf', message: "a committee member sits on at least one programme's committee" });
      if (!p.roles.includes('committee') && p.committeeOf.length > 0)
        problems.push({ path: 'committeeOf', message: 'only committee members sit on a committee' });
      p.committeeOf.forEach((k, i) => {
        if (!this.programmes.has(k)) problems.push({ path: `committeeOf[${i}]`, message: `unknown programme "${k}"` });
      });
    }
    const keys = p.groupKeys ?? [];
    // A group of a programme the grantor is not on the committee of is as unknown to them as any other.
    const found = keys.length ? await this.groups.findByKeys(keys) : [];
    const known = new Set(found.filter((g) => !grantor || isCommitteeOf(grantor, g.programme)).map((g) => g.key));
    keys.forEach((k, i) => {
      if (!known.has(k)) problems.push({ path: `groupKeys[${i}]`, message: `unknown working group "${k}"` });
    });
    return problems;
  }

  /**
   * The committee changes a person: name, roles, working groups, language, time zone (only what
   * `change` holds). Refused with 400 naming the field for what `createUser` refuses too; with
   * 400 on `groupKeys` for taking a person from a group whose named chair they are (the working
   * group decides who chairs it: name another chair there first); with 409 for taking the
   * committee role from the last active committee member, or when the account changed meanwhile.
   * Records `user.updated` with each changed field's old and new value; a chair given a new
   * group is welcomed to it.
   */
  async updateUser(
    id: string,
    change: { name?: string; roles?: Role[]; groupKeys?: string[]; committeeOf?: string[]; language?: string; timeZone?: string },
    actor: string,
    grantor?: Pick<Principal, 'roles' | 'committeeOf'>,
  ): Promise<UserView> {
    const before = grantor ? await this.getUserFor(grantor, id) : await this.getUser(id);
    const roles = change.roles ? [...new Set(change.roles)] : before.roles;
    const groupKeys = change.groupKeys ? [...new Set(change.groupKeys)] : roles.includes('chair') ? before.groupKeys : [];
    const had = before.committeeOf ?? [];
    const committeeOf = !roles.includes('committee')
      ? []
      : change.committeeOf
        ? [...new Set(change.committeeOf)]
        : had.length
          ? had
          : [...(grantor?.committeeOf ?? [SINGLE_NETWORK_PROGRAMME])];
    const problems = await this.personProblems({ ...change, roles, groupKeys, committeeOf }, grantor);
    if (!problems.length) this.mayGrantSeats(grantor, committeeOf, had);
    const leaving = before.groupKeys.filter((k) => !groupKeys.includes(k));
    for (const g of leaving.length ? await this.groups.findByKeys(leaving) : []) {
      if (g.chair.email.toLowerCase() === before.email) {
        problems.push({
          path: 'groupKeys',
          message: `${before.email} is the named chair of working group "${g.key}": name another chair on the working group first`,
        });
      }
    }
    if (problems.length) throw new InvalidError(problems);
    const wanted = { name: change.name, roles, committeeOf, groupKeys, language: change.language, timeZone: change.timeZone };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, to] of Object.entries(wanted) as [keyof typeof wanted, unknown][]) {
      const from = before[field];
      if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from: from ?? null, to };
    }
    if (!Object.keys(changes).length) return userView(before);
    const losesCommittee = before.roles.includes('committee') && !roles.includes('committee') && !before.disabledAt;
    if (losesCommittee) await this.keepACommitteeMember(before);
    const set = Object.fromEntries(Object.entries(changes).map(([field, c]) => [field, c.to]));
    const now = new Date();
    const after = await this.users.update(before, set, now);
    if (!after) throw new ConflictError(`user ${id} was changed meanwhile: reload and decide again`);
    if (losesCommittee && (await this.users.countWithRole('committee')) === 0) {
      // Another member lost the role at the same moment: give it back (nobody may lock the committee out).
      await this.users.update(after, { roles: before.roles }, new Date());
      throw new ConflictError(`${before.email} is the last active committee member: the committee role stays`);
    }
    await this.events.append({ type: 'user.updated', at: now, actor, data: { userId: id, email: after.email, changes } });
    const added = after.roles.includes('chair') ? after.groupKeys.filter((k) => !(before.roles.includes('chair') && before.groupKeys.includes(k))) : [];
    if (!after.disabledAt) for (const k of added) await this.welcome(after, k, now);
    return userView(after);
  }

  /**
   * Disables a person: from now on their sessions, sign-in links, API tokens and calendar feed
   * are refused (each is checked against the account at use, so even one cached elsewhere stops);
   * their sessions and links are deleted too, and they get no e-mail. Their name stays wherever
   * it was recorded (events, reports). Nobody disables themselves, nor the last active committee
   * member (409). Records `user.disabled`.
   */
  async disableUser(id: string, by: Pick<Principal, 'userId' | 'actor' | 'roles' | 'committeeOf'>): Promise<UserView> {
    const user = await this.getUserFor(by, id);
    if (user.id === by.userId) throw new ConflictError('you cannot disable yourself: ask another committee member');
    if (user.disabledAt) return userView(user);
    if (user.roles.includes('committee')) await this.keepACommitteeMember(user);
    const now = new Date();
    const after = await this.users.disable(id, now);
    if (!after) return userView(await this.getUser(id)); // disabled meanwhile by someone else
    if (user.roles.includes('committee') && (await this.users.countWithRole('committee')) === 0) {
      // Two members disabled at once: undo this one, so the committee is never locked out.
      await this.users.enable(id, new Date());
      throw new ConflictError(`${user.email} is the last active committee member: they stay active`);
    }
    const [sessions, links] = await Promise.all([this.sessions.deleteByUser(id), this.links.deleteByUser(id)]);
    await this.events.append({
      type: 'user.disabled',
      at: now,
      actor: by.actor,
      data: { userId: id, email: user.email, sessionsEnded: sessions, linksCancelled: links },
    });
    return userView(after);
  }

  /** Lets a disabled person sign in again (their unexpired, unrevoked API tokens work again too). Records `user.enabled`. */
  async enableUser(id: string, actor: string): Promise<UserView> {
    const user = await this.getUser(id);
    if (!user.disabledAt) return userView(user);
    const after = await this.users.enable(id, new Date());
    if (!after) return userView(await this.getUser(id));
    await this.events.append({ type: 'user.enabled', at: new Date(), actor, data: { userId: id, email: user.email } });
    return userView(after);
  }

  /** 409 unless another active committee member than `user` remains. */
  private async keepACommitteeMember(user: UserRecord): Promise<void> {
    if ((await this.users.countWithRole('committee')) <= 1)
      throw new ConflictError(`${user.email} is the last active committee member: the committee needs one`);
  }

  /** The chair-welcome e-mail for one naming (`namedAt`): planned once per naming, whoever runs it again. */
  private async welcome(user: Pick<UserRecord, 'name' | 'email' | 'language' | 'timeZone'>, groupKey: string, namedAt: Date): Promise<void> {
    await this.welcomes.welcomeChair(user, groupKey, `chair-welcome-${groupKey}-${user.email.toLowerCase()}-${namedAt.getTime()}`);
  }

  /**
   * Stores a new person and records `user.created` (with the group, when named chair of one).
   * Null when the address has an account already (the unique e-mail index decides).
   */
  private async insert(
    input: { name: string; email: string; roles: Role[]; groupKeys: string[]; committeeOf: string[]; language?: string; timeZone?: string },
    actor: string,
    groupKey?: string,
  ): Promise<UserRecord | null> {
    try {
      const user = await this.users.create({
        name: input.name,
        email: input.email.toLowerCase(),
        roles: input.roles,
        committeeOf: input.committeeOf,
        groupKeys: input.groupKeys,
        ...(input.language ? { language: input.language } : {}),
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
        createdAt: new Date(),
        createdBy: actor,
      });
      // Noted before anything can be sent to the address: notifications find the account by it.
      await this.addresses.add(user.email, user.id);
      await this.events.append({
        type: 'user.created',
        at: new Date(),
        actor,
        ...(groupKey ? { groupKey } : {}),
        data: { userId: user.id, email: user.email, roles: user.roles, committeeOf: user.committeeOf, groupKeys: user.groupKeys },
      });
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
   * (null): re-enabling someone is a decision, not a side effect of naming them. With `namedAt`
   * (the committee's naming, not the start-up's), the chair is welcomed: once per naming.
   */
  async grantChair(groupKey: string, chair: Chair, actor: string, namedAt?: Date): Promise<{ user: UserView; created: boolean } | null> {
    const granted = await this.grant(groupKey, chair, actor);
    if (granted && namedAt) await this.welcome(granted.user, groupKey, namedAt);
    return granted;
  }

  private async grant(groupKey: string, chair: Chair, actor: string): Promise<{ user: UserView; created: boolean } | null> {
    const email = chair.email.toLowerCase();
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      const user = await this.insert({ ...chair, email, roles: ['chair'], committeeOf: [], groupKeys: [groupKey] }, actor, groupKey);
      if (user) return { user: userView(user), created: true };
      // Another process created the account meanwhile: add the group to it below.
    } else if (existing.disabledAt) {
      return null;
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

  /** Every account (the engine's own work: start-up, tests). People's reads go through `listUsersFor`. */
  async listUsers(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  /**
   * The people `reader` may see and manage: operators everyone; a committee member the people
   * of the programmes they sit on (that committee's members, the chairs of its groups) and the
   * operators and people of no programme yet, never another programme's committee or chairs.
   */
  async listUsersFor(reader: Pick<Principal, 'roles' | 'committeeOf'>): Promise<UserView[]> {
    const [users, groups] = await Promise.all([this.users.list(), this.groups.list()]);
    const programmeOf = new Map(groups.map((g) => [g.key, g.programme]));
    return users.filter((u) => this.managedBy(reader, u, programmeOf)).map(userView);
  }

  /** The person, if `reader` may see them (`listUsersFor`): otherwise not found, as an unknown id. */
  async getUserFor(reader: Pick<Principal, 'roles' | 'committeeOf'>, id: string): Promise<UserRecord> {
    const u = await this.getUser(id);
    if (reader.roles.includes('operator')) return u;
    const groups = u.groupKeys.length ? await this.groups.findByKeys(u.groupKeys) : [];
    if (!this.managedBy(reader, u, new Map(groups.map((g) => [g.key, g.programme])))) throw new NotFoundError(`user ${id} does not exist`);
    return u;
  }

  private managedBy(reader: Pick<Principal, 'roles' | 'committeeOf'>, u: UserRecord, programmeOf: Map<string, string>): boolean {
    if (reader.roles.includes('operator')) return true;
    const theirs = programmesOf(
      { roles: u.roles.filter((r) => r !== 'operator'), committeeOf: u.committeeOf ?? [], groupKeys: u.groupKeys },
      this.programmes.list(),
      (k) => programmeOf.get(k),
    );
    return theirs.length === 0 || theirs.some((p) => isCommitteeOf(reader, p));
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
    const rec = await this.tokens.create({
      userId: user.id,
      name,
      hash: hashToken(token),
      hint: token.slice(0, 10),
      createdAt: new Date(),
      createdBy: actor,
      expiresAt,
    });
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
    await this.tokens.revoke(token.hash, new Date());
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
      await this.tokens.touch(rec.hash, now).catch(() => undefined);
    }
    return {
      userId: user.id,
      tokenId: rec.id,
      name: user.name,
      email: user.email,
      ...(await this.scopeOf(user)),
      actor: `${user.roles[0]}:${user.email}`,
    };
  }

  /**
   * Where a person's roles hold (one rule for tokens and sessions): the committees they sit on,
   * the groups they act for, and the programmes of both (their groups read by key).
   */
  async scopeOf(user: UserRecord): Promise<Pick<Principal, 'roles' | 'committeeOf' | 'groupKeys' | 'programmes'>> {
    const committeeOf = user.roles.includes('committee') ? (user.committeeOf ?? []) : [];
    const groups = user.roles.includes('chair') && user.groupKeys.length ? await this.groups.findByKeys(user.groupKeys) : [];
    const programmeOfGroup = new Map(groups.map((g) => [g.key, g.programme]));
    const scope = { roles: user.roles, committeeOf, groupKeys: user.groupKeys };
    return { ...scope, programmes: programmesOf(scope, this.programmes.list(), (k) => programmeOfGroup.get(k)) };
  }

  /** The first committee member, created from the command line; refused once one exists. */
  async bootstrapCommittee(name: string, email: string, seats: 'pact' | 'every-programme' = 'pact'): Promise<{ user: UserView; token: IssuedToken }> {
    if ((await this.users.countWithRole('committee')) > 0) {
      throw new ForbiddenError('a committee member exists already: ask them to create users and tokens through the API');
    }
    // The first person of a deployment (npm start, npm run bootstrap) sets it up for every programme
    // it serves: only a committee's members give its seats, so someone must hold each first.
    const committeeOf = seats === 'every-programme' ? this.programmes.list().map((p) => p.key) : [SINGLE_NETWORK_PROGRAMME];
    const user = await this.createUser({ name, email, roles: ['committee'], committeeOf }, 'bootstrap');
    const token = await this.issueToken(user.id, 'bootstrap', 365, 'bootstrap');
    return { user, token };
  }

  /** A person's language and time zone for pages and personal messages. */
  async updatePreferences(userId: string, prefs: { language: string; timeZone: string }, actor: string): Promise<UserRecord> {
    const problems: Problem[] = [];
    if (!(LANGUAGES as readonly string[]).includes(prefs.language)) problems.push({ path: 'language', message: `not one of ${LANGUAGES.join(', ')}` });
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
