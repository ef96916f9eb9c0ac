import { Injectable, Logger } from '@nestjs/common';
import { DraftRepository } from '../drafts/draft.repository';
import { SubmissionRepository } from '../submissions/submission.repository';
import { TaskRepository } from '../tasks/task.repository';
import { MigrationRepository } from './migration.repository';

/**
 * Revisions keyed `<task>:<n>` and drafts keyed by their task (issue 20: hot paths read by key,
 * as FerretDB on SQLite finds nothing else without reading the whole collection). Data written
 * by the earlier layout (ObjectId ids, found by task and number) is moved to the keys once, at
 * the start of every process until one has finished, before the process serves anything: the
 * hot paths then never look for the old shape. Processes of the earlier version must be stopped
 * before the upgrade (they would keep writing the old shape).
 */
@Injectable()
export class KeyedLayout {
  static readonly NAME = 'keyed-revisions-and-drafts';
  private readonly logger = new Logger('Persistence');

  constructor(
    private readonly migrations: MigrationRepository,
    private readonly submissions: SubmissionRepository,
    private readonly drafts: DraftRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async apply(): Promise<void> {
    if (await this.migrations.isDone(KeyedLayout.NAME)) return;
    let revisions = 0;
    for await (const moved of this.submissions.rekeyEarlierLayout()) {
      // Numbers stored before the task handed them out: the task must not hand them out again.
      await this.tasks.noteRevisionNumbered(moved.taskId, moved.revision);
      revisions++;
    }
    const drafts = await this.drafts.rekeyEarlierLayout();
    await this.migrations.markDone(KeyedLayout.NAME, new Date());
    if (revisions || drafts) this.logger.log(`moved ${revisions} revisions and ${drafts} drafts to their keys`);
  }
}
