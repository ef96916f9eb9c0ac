import { Schema } from 'mongoose';
import { Stored } from '../records';
import { TaskRecord } from './task.record';

export const TASK_MODEL = 'Task';

/**
 * Tasks (collection `tasks`): one per working group and milestone. Everything here must work on
 * MongoDB 7 and FerretDB 1.24: single-document atomic updates, unique/compound indexes, no
 * transactions.
 */
export const TaskSchema = new Schema<Stored<TaskRecord>>(
  {
    cycleId: { type: String, required: true },
    milestoneKey: { type: String, required: true },
    groupKey: { type: String, required: true },
    programme: { type: String, required: true },
    status: { type: String, required: true },
    requestedAt: Date,
    dueAt: Date,
    originalDueAt: Date,
    dueVersion: { type: Number, default: 0 },
    escalationLevel: { type: Number, default: 0 },
    /** Keys of the timers whose effect has happened: the guard that makes at-least-once jobs act once. */
    firedTimers: { type: [String], default: [] },
    lastReminderAt: Date,
    // `[{}]` is an array of Mixed, as `[Schema.Types.Mixed]`, spelled so Mongoose's types accept ExtensionRecord elements.
    extensions: { type: [{}], default: [] },
    submittedAt: Date,
    late: { type: Boolean, default: false },
    latestRevision: { type: Number, default: 0 },
    // The last revision number handed out (numberRevision); absent on tasks from before.
    revisionsNumbered: Number,
    /** The committee summary that reported this task's level-2 escalation (claimed once). */
    summaryRun: String,
    updatedAt: Date,
    /** Chairs' extension requests (ExtensionRequest), oldest first; written back whole, guarded by the pending id. */
    extensionRequests: { type: [Schema.Types.Mixed], default: undefined },
    /** The request waiting for the committee; absent when none. */
    pendingExtensionRequestId: String,
    /**
     * Keys of effects whose follow-ups (event, notification) are still owed, written in the
     * effect's own atomic update and removed when they are done: a crash between an effect and
     * its follow-ups leaves the intent here for the sweep.
     */
    outbox: { type: [String], default: [] },
  },
  { versionKey: false, minimize: false, collection: 'tasks' },
);
// Unique: one task per group and milestone, so a re-run fan-out (insertMany) inserts nothing twice.
// Its prefix serves every query of one cycle (and milestone): list, stream, count, the
// countBy… aggregations, cancelAwaiting, claimForSummary, listOverdue, countEscalationsOwed.
TaskSchema.index({ cycleId: 1, milestoneKey: 1, groupKey: 1 }, { unique: true });
// Queries by status across cycles: stream({ status }) (the reconciler's awaiting tasks) and
// cyclesWithUnsummarisedEscalations (overdue tasks).
TaskSchema.index({ status: 1, cycleId: 1 });
// streamWithFollowUpsOwed (the follow-up sweep): { outbox: { $gt: '' } } finds tasks with any key in their outbox.
TaskSchema.index({ outbox: 1 });
// listWithPendingExtensionRequest (the committee's list of requests waiting for a decision):
// { pendingExtensionRequestId: { $gt: '' } } (+ cycleId); lapsePendingRequestsOfCancelled ($exists, + cycleId).
TaskSchema.index({ pendingExtensionRequestId: 1, cycleId: 1 });
