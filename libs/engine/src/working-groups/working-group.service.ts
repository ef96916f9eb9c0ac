import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Chair, Clock } from '@pact/domain';
import { EventRepository, TemplateRepository, WorkingGroupRecord, WorkingGroupRepository } from '@pact/persistence';

import { CLOCK, textIn, textProblems } from '@pact/domain';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { IdentityService, Principal } from '../identity/identity.service';
import { seesAllGroups } from '../tasks/task.query';

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
  ) {}

  /** Loads config into MongoDB at start: templates are replaced, working groups only added. */
  async onModuleInit(): Promise<void> {
    const now = this.clock.now();
    for (const t of this.config.templates) await this.templates.upsert(t, now);
    const added = await this.groups.seed(this.config.workingGroups, now);
    this.logger.log(
      `${textIn(this.config.network, 'en')}: ${this.config.workingGroups.length} working groups in config, ${added} new; ${this.config.templates.length} template(s)`,
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

  async list(): Promise<WorkingGroupRecord[]> {
    return (await this.groups.list()).map((g) => this.view(g));
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
  async listFor(reader: Pick<Principal, 'roles' | 'groupKeys'>): Promise<WorkingGroupView[]> {
    return (await this.list()).map((g) => shownTo(reader, g));
  }

  async getFor(reader: Pick<Principal, 'roles' | 'groupKeys'>, key: string): Promise<WorkingGroupView> {
    return shownTo(reader, await this.get(key));
  }

  async get(key: string): Promise<WorkingGroupRecord> {
    const g = await this.groups.findByKey(key);
    if (!g) throw new NotFoundError(`working group "${key}" does not exist`);
    return this.view(g);
  }

  async update(key: string, change: { chair?: Chair; goal?: string }, actor: string): Promise<WorkingGroupRecord> {
    const problems = [...textProblems('chair.name', change.chair?.name, 'line'), ...textProblems('goal', change.goal, 'text')];
    if (problems.length) throw new InvalidError(problems);
    const before = await this.get(key);
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

function shownTo(reader: Pick<Principal, 'roles' | 'groupKeys'>, g: WorkingGroupRecord): WorkingGroupView {
  return seesAllGroups(reader) || reader.groupKeys.includes(g.key) ? g : { ...g, chair: { name: g.chair.name } };
}
