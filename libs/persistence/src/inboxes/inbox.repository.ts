import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { driverCollection } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import { StoredInbox, INBOX_MODEL } from './inbox.schema';

/** The write gate refuses update commands of more than 100 statements (FerretDB's stall): groups are added in smaller commands. */
const GROUPS_PER_COMMAND = 50;

/** Working groups' inboxes: the tasks requested of each group, written by fan-out, read by key. */
@Injectable()
@RetriedWhenNotApplied()
export class InboxRepository {
  constructor(@InjectModel(INBOX_MODEL) private readonly model: Model<StoredInbox>) {}

  /** Adds each task to its group's inbox (idempotent: a set; the inbox is made on first use). */
  async addTasks(tasks: { id: string; groupKey: string }[]): Promise<void> {
    const byGroup = new Map<string, string[]>();
    for (const t of tasks) byGroup.set(t.groupKey, [...(byGroup.get(t.groupKey) ?? []), t.id]);
    const ops = [...byGroup].map(([groupKey, ids]) => ({
      updateOne: { filter: { _id: groupKey }, update: { $addToSet: { taskIds: { $each: ids } } }, upsert: true },
    }));
    for (let i = 0; i < ops.length; i += GROUPS_PER_COMMAND)
      await driverCollection(this.model).bulkWrite(ops.slice(i, i + GROUPS_PER_COMMAND), { ordered: false });
  }

  /** The ids of every task requested of these groups. */
  async taskIdsOf(groupKeys: string[]): Promise<string[]> {
    // One read per group rather than `$in`: FerretDB on SQLite finds a document by `{ _id }` alone only (a chair has a group or two).
    const docs = await Promise.all(groupKeys.map((groupKey) => driverCollection(this.model).findOne({ _id: groupKey })));
    return docs.flatMap((d) => d?.taskIds ?? []);
  }
}
