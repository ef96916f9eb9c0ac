import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Chair, Clock } from '@pact/domain';
import { EventRepository, TemplateRepository, WorkingGroupRecord, WorkingGroupRepository } from '@pact/persistence';

import { CLOCK, isCommitteeOf, KEY_PATTERN, seesAllGroups, seesProgramme, textIn, textProblems } from '@pact/domain';
import type { WorkingGroup } from '@pact/domain';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { ConflictError, InvalidError, NotFoundError, Problem } from '../errors';
import { IdentityService, Principal } from '../identity/identity.service';
import { ProgrammeCatalog } from '../programmes/programme-catalog';

/** Who reads groups: their roles, committees, groups and programmes. */
type Reader = Pick<Principal, 'roles' | 'committeeOf' | 'groupKeys' | 'programmes'>;
/** Who changes a group: a committee member of its programme. */
type Decider = Pick<Principal, 'roles' | 'committeeOf' | 'actor'>;

/** A participant the committee adds: a city that signs the Charter, a new working group. */
export interface NewParticipant {
  key: string;
  programme: string;
  name: string;
  goal?: string;
  chair: Chair;
  country?: string;
  size?: string;
}

@Injectable()
export class WorkingGroupService implements OnModuleInit {
  private readonly logger = new Logger(WorkingGroupService.name);

  constructor(
    private readonly groups: WorkingGroupRepository,
    private readonly templates: TemplateRepository,
    private readonly events: EventRepository,
    @Inject(PACT_CONFIG) private readonly config: PactConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identity: IdentityService,
    private readonly programmes: ProgrammeCatalog,
  ) {}

  /** Loads config into MongoDB at start: templates are replaced, every programme's participants only added. */
  async onModuleInit(): Promise<void> {
    const now = this.clock.now();
    for (const t of this.config.templates) await this.templates.upsert(t, now);
    const inFiles = this.programmes.participantsInFiles();
    const added = await this.groups.seed(inFiles, now);
    this.logger.log(
      `${this.programmes
        .list()
        .map((p) => `${textIn(p.name, 'en')}: ${inFiles.filter((g) => g.programme === p.key).length}`)
        .join(', ')} participants in config, ${added} new; ${this.config.templates.length} template(s)`,
    );
  }

  /**
   * Gives every group's current chair an account acting for the group (`npm start` on a new
   * installation, so the chairs named in the configuration can sign in from their first e-mail).
   */
  async giveChairsAccounts(actor: string): Promise<number> {
    let created = 0;
    for (const g of await this.groups.list()) if ((await this.identity.grantChair(g.key, g.chair, actor))?.created) created++;
    return created;
  }

  /** Every group, or one programme's. */
  async list(programme?: string): Promise<WorkingGroupRecord[]> {
    return (await this.groups.list(programme)).map((g) => this.view(g));
  }

  /** A programme's groups that a new cycle includes: those not retired. */
  async activeIn(programme: string): Promise<WorkingGroupRecord[]> {
    return (await this.list(programme)).filter((g) => !g.retiredAt);
  }

  /** The groups with these keys, read by key (a chair's pages: their own groups, not every group); unknown keys are left out. */
  async listByKeys(keys: string[]): Promise<WorkingGroupRecord[]> {
    return (await this.groups.findByKeys(keys)).map((g) => this.view(g));
  }

  /**
   * The groups as `reader` may see them: other people's contact details (e-mail, language, time
   * zone) only to the committee and operators, and to a chair for the groups they act for; other
   * groups' chairs by name only (least privilege).
   */
  async listFor(reader: Reader, programme?: string): Promise<WorkingGroupView[]> {
    if (programme !== undefined) this.programmes.known(programme);
    return (await this.list(programme)).filter((g) => seesProgramme(reader, g.programme)).map((g) => shownTo(reader, g));
  }

  /** The group, if `reader` sees its programme (another programme's group answers like an unknown one). */
  async getFor(reader: Reader, key: string): Promise<WorkingGroupView> {
    const g = await this.get(key);
    if (!seesProgramme(reader, g.programme)) throw new NotFoundError(`working group "${key}" does not exist`);
    return shownTo(reader, g);
  }

  /**
   * The committee adds a participant to its programme (a city signs the Charter): stored, then
   * its chair (a city's coordinator) gets an account and a welcome through the same follow-up a
   * new chair gets. 400 naming each field; 409 when the key is taken in any programme.
   */
  async add(input: NewParticipant, by: Decider): Promise<WorkingGroupRecord> {
    const programme = this.programmes.known(input.programme);
    if (!isCommitteeOf(by, programme.key)) throw new NotFoundError(`programme "${programme.key}" does not exist`);
    const problems: Problem[] = [
      ...(KEY_PATTERN.test(input.key) ? [] : [{ path: 'key', message: 'lower-case letters, digits and "-", starting with a letter (at most 63)' }]),
      ...textProblems('name', input.name, 'line'),
      ...textProblems('goal', input.goal, 'text'),
      ...textProblems('chair.name', input.chair.name, 'line'),
      ...(input.country === undefined || /^[A-Z]{2}$/.test(input.country) ? [] : [{ path: 'country', message: 'an ISO 3166-1 alpha-2 code (NL)' }]),
    ];
    if (problems.length) throw new InvalidError(problems);
    const group: WorkingGroup = {
      key: input.key,
      programme: programme.key,
      fieldOfAction: input.name,
      goal: input.goal ?? '',
      chair: { ...input.chair },
      ...(input.country ? { country: input.country } : {}),
      ...(input.size ? { size: input.size } : {}),
    };
    const now = this.clock.now();
    if (!(await this.groups.add(group, now))) throw new ConflictError(`"${input.key}" names a participant already`);
    await this.events.append({ type: 'working-group.added', at: now, actor: by.actor, groupKey: group.key, data: { programme: group.programme } });
    await this.followUp(group, by.actor);
    return this.get(group.key);
  }

  /**
   * The committee retires a participant (a working group merged into another, a city left):
   * new cycles leave it out; cycles it took part in keep it, its tasks and its reports. 409 when
   * it is retired already.
   */
  async retire(key: string, by: Decider): Promise<WorkingGroupRecord> {
    const g = await this.getToDecide(by, key);
    if (g.retiredAt) throw new ConflictError(`"${key}" was retired on ${g.retiredAt.toISOString()}`);
    const retired = await this.groups.retire(key, this.clock.now());
    if (!retired) throw new ConflictError(`"${key}" was retired meanwhile`);
    await this.events.append({ type: 'working-group.retired', at: this.clock.now(), actor: by.actor, groupKey: key, data: { programme: g.programme } });
    return this.view(retired);
  }

  /** The group, if `by` sits on its programme's committee: another programme's group is not found. */
  async getToDecide(by: Decider, key: string): Promise<WorkingGroupRecord> {
    const g = await this.get(key);
    if (!isCommitteeOf(by, g.programme)) throw new NotFoundError(`working group "${key}" does not exist`);
    return g;
  }

  async get(key: string): Promise<WorkingGroupRecord> {
    const g = await this.groups.findByKey(key);
    if (!g) throw new NotFoundError(`working group "${key}" does not exist`);
    return this.view(g);
  }

  async update(key: string, change: { chair?: Chair; goal?: string }, by: Decider): Promise<WorkingGroupRecord> {
    const actor = by.actor;
    const problems = [...textProblems('chair.name', change.chair?.name, 'line'), ...textProblems('goal', change.goal, 'text')];
    if (problems.length) throw new InvalidError(problems);
    const before = await this.getToDecide(by, key);
    const read = await this.groups.findByKey(key);
    const after = read && (await this.groups.update(key, change, this.clock.now(), change.chair ? read : undefined));
    if (!after) {
      await this.get(key); // gone: 404
      throw new ConflictError(`the chair of working group "${key}" was changed meanwhile: reload and decide again`);
    }
    if (change.chair) {
      await this.events.append({
        type: 'working-group.chair-changed',
        at: this.clock.now(),
        actor,
        groupKey: key,
        data: { from: before.chair, to: after.chair },
      });
      await this.followUp(after, actor);
    }
    if (change.goal !== undefined) {
      await this.events.append({ type: 'working-group.goal-changed', at: this.clock.now(), actor, groupKey: key, data: { goal: after.goal } });
    }
    return this.view(after);
  }

  /**
   * Access follows the committee's choice: the chair named can sign in and act for the group, the
   * group's former chairs no longer see its drafts and tasks. Recorded in the group's outbox by
   * the change itself, done here right after it, and by the sweep if this process died first.
   * Every step is idempotent and works from the group as stored now, and it is checked again
   * after granting: a change made meanwhile (whose own follow-up may have finished first) is
   * caught up with, so a chair replaced during the grant does not keep the access just given.
   */
  async followUp(group: Pick<WorkingGroupRecord, 'key'>, actor = 'engine'): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const g = await this.groups.findByKey(group.key);
      if (!g) return;
      const chair = g.chair.email.toLowerCase();
      for (const email of (g.formerChairs ?? []).filter((e) => e !== chair)) await this.identity.withdrawChair(g.key, email, actor);
      // Welcomed once per naming (its time is in the e-mail's dedupe key), however often this runs.
      await this.identity.grantChair(g.key, g.chair, actor, g.chairNamedAt);
      const now = await this.groups.findByKey(g.key);
      if (now?.chair.email.toLowerCase() === chair) {
        await this.groups.completeChairAccess(g.key, g.chair.email);
        return;
      }
    }
    // Still changing: the outbox keeps it owed, and the sweep comes back to it.
    this.logger.warn(`working group ${group.key}: the chair kept changing while moving access; the sweep finishes it`);
  }

  /** Groups whose chair change still owes its access follow-up (for the sweep). */
  withFollowUpsOwed(): Promise<WorkingGroupRecord[]> {
    return this.groups.withFollowUpsOwed();
  }

  /** What the API and pages see of a group: not its bookkeeping. */
  private view({ outbox, formerChairs, chairNamedAt, ...group }: WorkingGroupRecord): WorkingGroupRecord {
    return group;
  }
}

/** A group as a person sees it: its chair's contact details only where `shownTo` allows. */
export type WorkingGroupView = Omit<WorkingGroupRecord, 'chair'> & { chair: Chair | Pick<Chair, 'name'> };

function shownTo(reader: Reader, g: WorkingGroupRecord): WorkingGroupView {
  return seesAllGroups(reader, g.programme) || reader.groupKeys.includes(g.key) ? g : { ...g, chair: { name: g.chair.name } };
}
