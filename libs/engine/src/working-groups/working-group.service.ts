import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Chair, Clock } from '@pact/domain';
import { EventRepository, TemplateRepository, WorkingGroupRecord, WorkingGroupRepository } from '@pact/persistence';

import { CLOCK } from '@pact/domain';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { NotFoundError } from '../errors';
import { IdentityService } from '../identity/identity.service';

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
    this.logger.log(`${this.config.network}: ${this.config.workingGroups.length} working groups in config, ${added} new; ${this.config.templates.length} template(s)`);
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

  list(): Promise<WorkingGroupRecord[]> {
    return this.groups.list();
  }

  async get(key: string): Promise<WorkingGroupRecord> {
    const g = await this.groups.findByKey(key);
    if (!g) throw new NotFoundError(`working group "${key}" does not exist`);
    return g;
  }

  async update(key: string, change: { chair?: Chair; goal?: string }, actor: string): Promise<WorkingGroupRecord> {
    const before = await this.get(key);
    const after = await this.groups.update(key, change, this.clock.now());
    if (!after) throw new NotFoundError(`working group "${key}" does not exist`);
    if (change.chair) {
      // Access follows the committee's choice: the new chair can sign in and act for the group at
      // once, the former chair no longer sees its drafts and tasks.
      if (before.chair.email.toLowerCase() !== after.chair.email.toLowerCase()) await this.identity.withdrawChair(key, before.chair.email, actor);
      await this.identity.grantChair(key, after.chair, actor);
      await this.events.append({
        type: 'working-group.chair-changed',
        at: this.clock.now(),
        actor,
        groupKey: key,
        data: { from: before.chair, to: after.chair },
      });
    }
    if (change.goal !== undefined) {
      await this.events.append({ type: 'working-group.goal-changed', at: this.clock.now(), actor, groupKey: key, data: { goal: after.goal } });
    }
    return after;
  }
}
