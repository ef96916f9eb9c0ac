import { Injectable, Logger } from '@nestjs/common';
import { DraftRepository } from '../drafts/draft.repository';
import { InboxRepository } from '../inboxes/inbox.repository';
import { SubmissionRepository } from '../submissions/submission.repository';
import { TaskRecord } from '../tasks/task.record';
import { TaskRepository } from '../tasks/task.repository';
import { MigrationRepository } from './migration.repository';
import { ApiTokenRepository } from '../api-tokens/api-token.repository';
import { WorkingGroupRepository } from '../working-groups/working-group.repository';
import { UserAddressRepository } from '../user-addresses/user-address.repository';
import { UserRepository } from '../users/user.repository';
import { SessionRepository } from '../sessions/session.repository';
import { CycleRepository } from '../cycles/cycle.repository';
import { SINGLE_NETWORK_PROGRAMME } from '@pact/domain';

/**
 * Hot paths read by key (issue 20: FerretDB on SQLite finds nothing but `_id` without reading
 * the whole collection): revisions keyed `<task>:<n>`, drafts keyed by their task, each group's
 * tasks listed in its inbox, page sessions and API tokens keyed by their hash, working groups
 * by their key, accounts by address. Since the engine serves several programmes, every cycle, task
 * and working group names its programme, and committee members the committees they sit on. Data written by the earlier layout is brought to the keys
 * once, at the start of every process until one has finished each step, before the process
 * serves anything: the hot paths then never look for the old shape. Processes of the earlier version
 * must be stopped before the upgrade (they would keep writing the old shape).
 */
@Injectable()
export class KeyedLayout {
  private readonly logger = new Logger('Persistence');

  constructor(
    private readonly migrations: MigrationRepository,
    private readonly submissions: SubmissionRepository,
    private readonly drafts: DraftRepository,
    private readonly tasks: TaskRepository,
    private readonly inboxes: InboxRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly users: UserRepository,
    private readonly addresses: UserAddressRepository,
    private readonly cycles: CycleRepository,
  ) {}

  /** Each step by name (its record in `migrations`): batch work, idempotent, safe to run in two processes at once. */
  private readonly steps: { name: string; run: () => Promise<string | null> }[] = [
    { name: 'keyed-revisions-and-drafts', run: () => this.keyRevisionsAndDrafts() },
    { name: 'inboxes', run: () => this.fillInboxes() },
    // Sessions and tokens moved rather than dropped: nobody is signed out, no machine's token stops working.
    { name: 'keyed-sessions', run: () => this.moved('sessions', this.sessions.rekeyEarlierLayout()) },
    { name: 'keyed-api-tokens', run: () => this.moved('API tokens', this.tokens.rekeyEarlierLayout()) },
    { name: 'keyed-working-groups', run: () => this.moved('working groups', this.groups.rekeyEarlierLayout()) },
    { name: 'user-addresses', run: () => this.noteAddresses() },
    { name: 'programmes', run: () => this.storeProgrammes() },
  ];

  async apply(): Promise<void> {
    for (const step of this.steps) {
      if (await this.migrations.isDone(step.name)) continue;
      const said = await step.run();
      await this.migrations.markDone(step.name, new Date());
      if (said) this.logger.log(said);
    }
  }

  private async keyRevisionsAndDrafts(): Promise<string | null> {
    let revisions = 0;
    for await (const moved of this.submissions.rekeyEarlierLayout()) {
      // Numbers stored before the task handed them out: the task must not hand them out again.
      await this.tasks.noteRevisionNumbered(moved.taskId, moved.revision);
      revisions++;
    }
    const drafts = await this.drafts.rekeyEarlierLayout();
    return revisions || drafts ? `moved ${revisions} revisions and ${drafts} drafts to their keys` : null;
  }

  private async moved(what: string, moving: Promise<number>): Promise<string | null> {
    const n = await moving;
    return n ? `moved ${n} ${what} to their keys` : null;
  }

  /** Every account made before addresses were keyed: noted, so notifications find it (a committee's users number in the hundreds). */
  private async noteAddresses(): Promise<string | null> {
    const users = await this.users.list();
    for (const u of users) await this.addresses.add(u.email, u.id);
    return users.length ? `noted ${users.length} users' addresses` : null;
  }

  /**
   * Data of the single-network layout belongs to the Pact, the one programme served then: its
   * cycles, tasks and working groups say so, and its committee members sit on the Pact's
   * committee (and no other programme's), so nobody gains or loses a right by the upgrade.
   */
  private async storeProgrammes(): Promise<string | null> {
    const p = SINGLE_NETWORK_PROGRAMME;
    const [cycles, tasks, groups, members] = [
      await this.cycles.setProgrammeWhereMissing(p),
      await this.tasks.setProgrammeWhereMissing(p),
      await this.groups.setProgrammeWhereMissing(p),
      await this.users.setCommitteeOfWhereMissing(p),
    ];
    return cycles || tasks || groups || members
      ? `stored the programme "${p}" on ${cycles} cycles, ${tasks} tasks and ${groups} working groups; ${members} committee members sit on its committee`
      : null;
  }

  /** Every task stored before inboxes were kept goes into its group's (fan-out adds the later ones). */
  private async fillInboxes(): Promise<string | null> {
    let added = 0;
    let batch: TaskRecord[] = [];
    for await (const task of this.tasks.stream({})) {
      batch.push(task);
      if (batch.length >= 500) {
        await this.inboxes.addTasks(batch);
        added += batch.length;
        batch = [];
      }
    }
    await this.inboxes.addTasks(batch);
    added += batch.length;
    return added ? `listed ${added} tasks in their groups' inboxes` : null;
  }
}
