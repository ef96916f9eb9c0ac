import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AWAITING_STATUSES, canSubmit, ExtensionRequest, lapsePendingRequest, TaskStatus } from '@pact/domain';
import { isValidObjectId, Model } from 'mongoose';
import { isDuplicateKey, LeanOf, Stored, toRecord } from '../records';
import { ExtensionRecord, revisionsHandedOut, TaskRecord } from './task.record';
import { TASK_MODEL } from './task.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

export type NewTask = Omit<
  TaskRecord,
  'id' | 'firedTimers' | 'extensions' | 'late' | 'latestRevision' | 'revisionsNumbered' | 'escalationLevel' | 'dueVersion'
>;

export interface TaskFilter {
  cycleId?: string;
  milestoneKey?: string;
  groupKeys?: string[];
  status?: TaskStatus[];
  dueBefore?: Date;
}

/**
 * Every state change here is one atomic update guarded by the state it expects, so a job
 * delivered twice, or two workers racing, change the task once.
 */
@Injectable()
@RetriedWhenNotApplied()
export class TaskRepository {
  constructor(@InjectModel(TASK_MODEL) private readonly model: Model<Stored<TaskRecord>>) {}

  /** Inserts a batch; tasks that exist already (a re-run fan-out) are skipped, not errors. */
  async insertMany(tasks: NewTask[]): Promise<number> {
    if (!tasks.length) return 0;
    const docs = tasks.map((t) => ({ ...t, dueVersion: 0, escalationLevel: 0, firedTimers: [], extensions: [], late: false, latestRevision: 0 }));
    try {
      const res = await this.model.collection.insertMany(docs, { ordered: false });
      return res.insertedCount;
    } catch (err) {
      if (isDuplicateKey(err)) {
        const e = err as { result?: { insertedCount?: number }; insertedCount?: number };
        return e.result?.insertedCount ?? e.insertedCount ?? 0;
      }
      throw err;
    }
  }

  async findById(id: string): Promise<TaskRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<TaskRecord>(await this.model.findById(id).lean());
  }

  /** The tasks with these ids (by key; ids that name no task are left out). */
  async findByIds(ids: string[]): Promise<TaskRecord[]> {
    // One read per id rather than `$in`: FerretDB on SQLite finds a document by `{ _id }` alone only (a few per chair).
    const found = await Promise.all(ids.map((id) => this.findById(id)));
    return found.filter((t): t is TaskRecord => t !== null);
  }

  private query(f: TaskFilter): Record<string, unknown> {
    const q: Record<string, unknown> = {};
    if (f.cycleId) q.cycleId = f.cycleId;
    if (f.milestoneKey) q.milestoneKey = f.milestoneKey;
    if (f.groupKeys) q.groupKey = { $in: f.groupKeys };
    if (f.status) q.status = { $in: f.status };
    if (f.dueBefore) q.dueAt = { $lt: f.dueBefore };
    return q;
  }

  async list(f: TaskFilter, limit: number, skip: number): Promise<TaskRecord[]> {
    const docs = await this.model.find(this.query(f)).sort({ dueAt: 1, groupKey: 1 }).skip(skip).limit(limit).lean();
    return docs.map((d) => toRecord<TaskRecord>(d));
  }

  async *stream(f: TaskFilter): AsyncGenerator<TaskRecord> {
    for await (const d of this.model.find(this.query(f)).sort({ _id: 1 }).lean().cursor({ batchSize: 500 })) {
      yield toRecord<TaskRecord>(d);
    }
  }

  /** Stores the programme of tasks from the single-network layout (the `programmes` migration). */
  async setProgrammeWhereMissing(programme: string): Promise<number> {
    return (await this.model.updateMany({ programme: { $exists: false } }, { $set: { programme } })).modifiedCount;
  }

  async count(f: TaskFilter): Promise<number> {
    return this.model.countDocuments(this.query(f));
  }

  /** Task counts per milestone and status: $match + $group only, as FerretDB supports. */
  async countByMilestoneAndStatus(cycleId: string): Promise<{ milestoneKey: string; status: TaskStatus; count: number }[]> {
    const rows = await this.model.aggregate<{ _id: { m: string; s: TaskStatus }; count: number }>([
      { $match: { cycleId } },
      { $group: { _id: { m: '$milestoneKey', s: '$status' }, count: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ milestoneKey: r._id.m, status: r._id.s, count: r.count }));
  }

  /**
   * Task counts per programme and status over every task (the metrics' scrape-time gauge): one
   * $group without $match, as FerretDB supports; the caller caches it, so scrapes do not repeat it.
   */
  async countByProgrammeAndStatus(): Promise<{ programme: string; status: TaskStatus; count: number }[]> {
    const rows = await this.model.aggregate<{ _id: { p: string; s: TaskStatus }; count: number }>([
      { $group: { _id: { p: '$programme', s: '$status' }, count: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ programme: r._id.p, status: r._id.s, count: r.count }));
  }

  /** Task counts per cycle and status for many cycles at once (the cycles list): $match + $group only. */
  async countByCycleAndStatus(cycleIds: string[]): Promise<{ cycleId: string; status: TaskStatus; count: number }[]> {
    if (!cycleIds.length) return [];
    const rows = await this.model.aggregate<{ _id: { c: string; s: TaskStatus }; count: number }>([
      { $match: { cycleId: { $in: cycleIds } } },
      { $group: { _id: { c: '$cycleId', s: '$status' }, count: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ cycleId: r._id.c, status: r._id.s, count: r.count }));
  }

  async recordReminder(id: string, dueVersion: number, timerKey: string, at: Date): Promise<TaskRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: 'open', dueVersion, firedTimers: { $ne: timerKey } },
        { $addToSet: { firedTimers: timerKey, outbox: timerKey }, $set: { lastReminderAt: at, updatedAt: at } },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<TaskRecord>(doc);
  }

  async markOverdue(id: string, dueVersion: number, timerKey: string, at: Date): Promise<TaskRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: 'open', dueVersion },
        { $addToSet: { firedTimers: timerKey, outbox: timerKey }, $set: { status: 'overdue', updatedAt: at } },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<TaskRecord>(doc);
  }

  /** One level at a time, in order: level n applies only on top of level n − 1. */
  async escalate(id: string, dueVersion: number, level: number, timerKey: string, at: Date): Promise<TaskRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: 'overdue', dueVersion, escalationLevel: level - 1 },
        { $addToSet: { firedTimers: timerKey, outbox: timerKey }, $set: { escalationLevel: level, updatedAt: at } },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<TaskRecord>(doc);
  }

  /**
   * Moves the due date; bumping dueVersion makes every timer of the old date stale. `followUp`
   * (the extension's key for the new version) enters the outbox in the same update. When the
   * extension grants a chair's request (`granting`), the same update decides it: guarded by the
   * request still being the pending one, the request list written back with it granted.
   */
  async extend(
    id: string,
    expectedVersion: number,
    newDueAt: Date,
    ext: ExtensionRecord,
    followUp: string,
    granting?: { requestId: string; requests: ExtensionRequest[] },
  ): Promise<TaskRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        {
          _id: id,
          status: { $in: AWAITING_STATUSES },
          dueVersion: expectedVersion,
          ...(granting ? { pendingExtensionRequestId: granting.requestId } : {}),
        },
        {
          $set: { dueAt: newDueAt, status: 'open', escalationLevel: 0, updatedAt: ext.at, ...(granting ? { extensionRequests: granting.requests } : {}) },
          // A later level-2 escalation at the new date belongs in a new committee summary.
          $unset: { summaryRun: '', ...(granting ? { pendingExtensionRequestId: '' } : {}) },
          $inc: { dueVersion: 1 },
          $push: { extensions: ext },
          $addToSet: { outbox: followUp },
        },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<TaskRecord>(doc);
  }

  /**
   * Adds a chair's extension request, only while the task awaits its report and no other
   * request is pending. `followUp` (the request's key) enters the outbox in the same update.
   */
  async addExtensionRequest(id: string, request: ExtensionRequest, followUp: string): Promise<TaskRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: { $in: AWAITING_STATUSES }, pendingExtensionRequestId: { $exists: false } },
        {
          $push: { extensionRequests: request },
          $set: { pendingExtensionRequestId: request.id, updatedAt: request.requestedAt },
          $addToSet: { outbox: followUp },
        },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<TaskRecord>(doc);
  }

  /**
   * Refuses the pending request `requestId`: the list written back whole with it refused, guarded
   * by its still being the pending one (a second decision matches nothing). The due date stays.
   */
  async refuseExtensionRequest(id: string, requestId: string, requests: ExtensionRequest[], at: Date, followUp: string): Promise<TaskRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        // Only while the report is awaited: a cancelled task's request lapses, it is not refused.
        { _id: id, pendingExtensionRequestId: requestId, status: { $in: AWAITING_STATUSES } },
        { $set: { extensionRequests: requests, updatedAt: at }, $unset: { pendingExtensionRequestId: '' }, $addToSet: { outbox: followUp } },
        { returnDocument: 'after' },
      )
      .lean();
    return toRecord<TaskRecord>(doc);
  }

  /**
   * Tasks with a request waiting for the committee (optionally of one cycle), at most `limit`.
   * Only tasks still awaiting their report: once it is in, or the cycle cancelled, a request has
   * nothing left to decide.
   */
  async listWithPendingExtensionRequest(f: { cycleId?: string }, limit: number): Promise<TaskRecord[]> {
    const q: Record<string, unknown> = { pendingExtensionRequestId: { $gt: '' }, status: { $in: AWAITING_STATUSES } };
    if (f.cycleId) q.cycleId = f.cycleId;
    return (await this.model.find(q).limit(limit).lean()).map((d) => toRecord<TaskRecord>(d));
  }

  /**
   * Hands out the next revision number and records it as owed in the outbox, in one update,
   * before the revision is stored: intent before effect. A process that dies after this leaves
   * the key `followUp(number)` for the sweep, which finds the revision (and brings it to the task)
   * or finds none (and gives the number up). Null once the task no longer takes reports.
   *
   * The number's uniqueness is the revision's key (`<task>:<n>`, SubmissionRepository.insertRevision):
   * two submissions handed the same number store one revision, and the other numbers again. So
   * this update needs no guard and finds the task by `{ _id }` alone, which FerretDB on SQLite
   * answers without reading the collection (`$max`: a number is never handed out twice over a
   * later one). A task cancelled between the read and this update takes the key, and the
   * submission's own guarded update finds it cancelled (the revision is kept, nothing follows).
   */
  async numberRevision(id: string, followUp: (revision: number) => string, known?: TaskRecord): Promise<{ task: TaskRecord; revision: number } | null> {
    const current = known ?? (await this.findById(id));
    if (!current || !canSubmit(current.status)) return null;
    const revision = revisionsHandedOut(current) + 1;
    const doc = await this.model
      .findOneAndUpdate({ _id: id }, { $max: { revisionsNumbered: revision }, $addToSet: { outbox: followUp(revision) } }, { returnDocument: 'after' })
      .lean();
    return doc ? { task: toRecord<TaskRecord>(doc), revision } : null;
  }

  /** A revision stored under an earlier layout has this number: the task hands out later ones only (KeyedLayout). */
  async noteRevisionNumbered(id: string, revision: number): Promise<void> {
    await this.model.updateOne({ _id: id }, { $max: { revisionsNumbered: revision } });
  }

  /**
   * Records a submission on the task. The first one moves it to submitted (late or not, judged
   * against the due date in force at that moment: the guard on dueVersion makes an extension
   * granted meanwhile count); later revisions only raise latestRevision. `followUp` (the
   * revision's key) enters the outbox in the same update.
   */
  async markSubmitted(
    id: string,
    revision: number,
    at: Date,
    lateAgainst: (dueAt: Date) => boolean,
    followUp: string,
    known?: TaskRecord,
  ): Promise<TaskRecord | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      // As numberRevision: the caller's fresh read first; the guarded update re-reads on a conflict.
      const current = attempt === 0 && known ? known : await this.findById(id);
      if (!current) return null;
      let doc: LeanOf<TaskRecord> | null;
      if (current.status === 'open' || current.status === 'overdue') {
        // A request for more time still waiting lapses in the same update (guarded by it, so a
        // decision taken meanwhile is re-read rather than overwritten).
        const pending = current.pendingExtensionRequestId;
        doc = await this.model
          .findOneAndUpdate(
            { _id: id, status: { $in: AWAITING_STATUSES }, dueVersion: current.dueVersion, pendingExtensionRequestId: pending ?? { $exists: false } },
            {
              $set: {
                status: 'submitted',
                submittedAt: at,
                late: lateAgainst(current.dueAt),
                updatedAt: at,
                ...(pending ? { extensionRequests: lapsePendingRequest(current.extensionRequests ?? [], pending, at, 'submitted') } : {}),
              },
              ...(pending ? { $unset: { pendingExtensionRequestId: '' } } : {}),
              $max: { latestRevision: revision },
              $addToSet: { outbox: followUp },
            },
            { returnDocument: 'after' },
          )
          .lean();
      } else if (current.status === 'submitted') {
        // By `{ _id }` alone (FerretDB answers it without a scan): nothing moves a task out of
        // submitted (every other change is guarded by an awaiting status), so a guard on it would match always.
        doc = await this.model
          .findOneAndUpdate(
            { _id: id },
            { $max: { latestRevision: revision }, $set: { updatedAt: at }, $addToSet: { outbox: followUp } },
            { returnDocument: 'after' },
          )
          .lean();
      } else {
        return null; // cancelled meanwhile
      }
      if (doc) return toRecord<TaskRecord>(doc);
      // Extended, submitted or escalated between the read and the update: judge again.
    }
    throw new Error(`task ${id} kept changing while recording revision ${revision}`);
  }

  /** The follow-ups of `key` are done: it leaves the outbox (a no-op when already gone). */
  async completeFollowUp(id: string, key: string): Promise<void> {
    // By _id alone (pulling a key already gone changes nothing): FerretDB finds nothing else without a scan.
    await this.model.updateOne({ _id: id }, { $pull: { outbox: key } });
  }

  /** Tasks with follow-ups still owed, for the sweep. */
  async *streamWithFollowUpsOwed(): AsyncGenerator<TaskRecord> {
    for await (const d of this.model
      .find({ outbox: { $gt: '' } })
      .sort({ _id: 1 })
      .lean()
      .cursor({ batchSize: 200 })) {
      yield toRecord<TaskRecord>(d);
    }
  }

  async cancelAwaiting(cycleId: string, at: Date): Promise<number> {
    const res = await this.model.updateMany({ cycleId, status: { $in: AWAITING_STATUSES } }, { $set: { status: 'cancelled', updatedAt: at } });
    return res.modifiedCount;
  }

  /**
   * Requests for more time still waiting on the cycle's cancelled tasks lapse (nothing is due any
   * more). One guarded update per task, by the request id, so a rerun changes nothing twice.
   */
  async lapsePendingRequestsOfCancelled(cycleId: string, at: Date): Promise<number> {
    let lapsed = 0;
    for (const t of await this.model.find({ cycleId, status: 'cancelled', pendingExtensionRequestId: { $exists: true } }).lean()) {
      const task = toRecord<TaskRecord>(t);
      const pending = task.pendingExtensionRequestId!;
      const res = await this.model.updateOne(
        { _id: task.id, status: 'cancelled', pendingExtensionRequestId: pending },
        {
          $set: { extensionRequests: lapsePendingRequest(task.extensionRequests ?? [], pending, at, 'cancelled'), updatedAt: at },
          $unset: { pendingExtensionRequestId: '' },
        },
      );
      lapsed += res.modifiedCount;
    }
    return lapsed;
  }

  /**
   * Claims, for one committee summary run, every task of the cycle escalated to the committee
   * and not reported in a summary yet. Per document the claim is atomic, so two runs never
   * report the same escalation; a run retried after a crash finds its own claim again.
   */
  async claimForSummary(cycleId: string, runId: string, minLevel: number): Promise<TaskRecord[]> {
    await this.model.updateMany(
      { cycleId, status: 'overdue', escalationLevel: { $gte: minLevel }, summaryRun: { $exists: false } },
      { $set: { summaryRun: runId } },
    );
    return (await this.model.find({ cycleId, summaryRun: runId }).lean()).map((d) => toRecord<TaskRecord>(d));
  }

  async listOverdue(cycleId: string): Promise<TaskRecord[]> {
    return (await this.model.find({ cycleId, status: 'overdue' }).sort({ dueAt: 1, groupKey: 1 }).lean()).map((d) => toRecord<TaskRecord>(d));
  }

  /** Overdue tasks whose escalation to `level` is due (due before `dueBefore`) but not applied yet. */
  async countEscalationsOwed(cycleId: string, level: number, dueBefore: Date): Promise<number> {
    return this.model.countDocuments({ cycleId, status: 'overdue', escalationLevel: { $lt: level }, dueAt: { $lte: dueBefore } });
  }

  async countUnsummarised(cycleId: string, minLevel: number): Promise<number> {
    return this.model.countDocuments({ cycleId, status: 'overdue', escalationLevel: { $gte: minLevel }, summaryRun: { $exists: false } });
  }

  /** Cycles with a committee escalation no summary has reported yet (for the reconciler). */
  async cyclesWithUnsummarisedEscalations(minLevel: number): Promise<string[]> {
    const rows = await this.model.aggregate([
      { $match: { status: 'overdue', escalationLevel: { $gte: minLevel }, summaryRun: { $exists: false } } },
      { $group: { _id: '$cycleId' } },
    ]);
    return rows.map((r: { _id: string }) => r._id);
  }
}
