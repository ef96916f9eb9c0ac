import { Schema } from 'mongoose';

/**
 * Collections and their indexes. Everything here must work on MongoDB 7 and FerretDB 1.24:
 * single-document atomic updates, unique/compound indexes, no transactions.
 */
const opts = { versionKey: false as const, minimize: false };

const ChairSchema = new Schema({ name: String, email: String, language: String, timeZone: String }, { _id: false });

export const WorkingGroupSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    fieldOfAction: { type: String, required: true },
    goal: { type: String, default: '' },
    chair: { type: ChairSchema, required: true },
    updatedAt: Date,
  },
  { ...opts, collection: 'working_groups' },
);

export const TemplateSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    name: String,
    measureStatuses: [String],
    indicatorsByGroup: Schema.Types.Mixed,
    allowCustomIndicators: Boolean,
    limits: Schema.Types.Mixed,
    updatedAt: Date,
  },
  { ...opts, collection: 'templates' },
);

const MilestoneSchema = new Schema(
  { key: String, title: String, kind: String, requestAt: Date, dueAt: Date, compileAt: Date },
  { _id: false },
);

export const CycleSchema = new Schema(
  {
    name: { type: String, required: true },
    status: { type: String, required: true, index: true },
    start: Date,
    end: Date,
    lengthMonths: Number,
    milestones: [MilestoneSchema],
    reminderDaysBeforeDue: [Number],
    escalation: Schema.Types.Mixed,
    groupKeys: [String],
    template: Schema.Types.Mixed,
    /** Per milestone key: { status, requestedAt?, compiledAt?, revisions? }; updated with dotted paths. */
    milestoneState: Schema.Types.Mixed,
    createdAt: Date,
    createdBy: String,
    cancelledAt: Date,
    cancelledBy: String,
    cancelReason: String,
    completedAt: Date,
    /** Effects whose follow-ups are still owed (see TaskSchema.outbox). */
    outbox: { type: [String], default: undefined },
  },
  { ...opts, collection: 'cycles' },
);
// The follow-up sweep: cycles with an effect whose follow-ups are still owed.
CycleSchema.index({ outbox: 1 });

export const TaskSchema = new Schema(
  {
    cycleId: { type: String, required: true },
    milestoneKey: { type: String, required: true },
    groupKey: { type: String, required: true },
    status: { type: String, required: true },
    requestedAt: Date,
    dueAt: Date,
    originalDueAt: Date,
    dueVersion: { type: Number, default: 0 },
    escalationLevel: { type: Number, default: 0 },
    /** Keys of the timers whose effect has happened: the guard that makes at-least-once jobs act once. */
    firedTimers: { type: [String], default: [] },
    lastReminderAt: Date,
    extensions: { type: [Schema.Types.Mixed], default: [] },
    submittedAt: Date,
    late: { type: Boolean, default: false },
    latestRevision: { type: Number, default: 0 },
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
  { ...opts, collection: 'tasks' },
);
TaskSchema.index({ cycleId: 1, milestoneKey: 1, groupKey: 1 }, { unique: true });
TaskSchema.index({ status: 1, cycleId: 1 });
// The follow-up sweep: { outbox: { $gt: '' } } finds tasks with any key in their outbox.
TaskSchema.index({ outbox: 1 });
// The committee's list of requests waiting for a decision: { pendingExtensionRequestId: { $gt: '' } } (+ cycleId).
TaskSchema.index({ pendingExtensionRequestId: 1, cycleId: 1 });

export const SubmissionSchema = new Schema(
  {
    taskId: { type: String, required: true },
    cycleId: String,
    milestoneKey: String,
    groupKey: String,
    revision: { type: Number, required: true },
    content: Schema.Types.Mixed,
    submittedAt: Date,
    late: Boolean,
    afterCompilation: Boolean,
    submittedBy: String,
  },
  { ...opts, collection: 'submissions' },
);
SubmissionSchema.index({ taskId: 1, revision: 1 }, { unique: true });
SubmissionSchema.index({ cycleId: 1, milestoneKey: 1, taskId: 1, revision: 1 });

export const EventSchema = new Schema(
  {
    cycleId: { type: String, index: true },
    taskId: { type: String, index: true },
    groupKey: String,
    type: { type: String, required: true },
    at: { type: Date, required: true },
    actor: String,
    data: Schema.Types.Mixed,
    /** Natural key of the event: a redelivered job or retried fan-out cannot append it twice. */
    dedupeKey: { type: String, required: true, unique: true },
    recordedAt: Date,
  },
  { ...opts, collection: 'events' },
);

export const ReportSchema = new Schema(
  {
    cycleId: { type: String, required: true },
    milestoneKey: { type: String, required: true },
    milestoneKind: String,
    compiledAt: Date,
    report: Schema.Types.Mixed,
    /** Late revisions noted / included: a recompilation is owed while the first exceeds the second. */
    lateRevisions: { type: Number, default: 0 },
    lateRevisionsCompiled: Number,
    stale: Boolean,
    /** The milestone's revision count read before this report was built (see MilestoneState.revisions). */
    revisionsIncluded: Number,
    /** What each late-revision count was for (a revision's follow-up key), so a redone follow-up counts once. */
    notedRevisions: { type: [String], default: undefined },
  },
  { ...opts, collection: 'reports' },
);
ReportSchema.index({ cycleId: 1, milestoneKey: 1 }, { unique: true });

export const UserSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    roles: { type: [String], required: true },
    /** Working groups a chair acts for. */
    groupKeys: { type: [String], default: [] },
    createdAt: Date,
    createdBy: String,
    disabledAt: Date,
    /** SHA-256 of the private calendar feed token (the token is in the feed's URL, shown once). */
    calendarTokenHash: { type: String, index: true },
    calendarTokenCreatedAt: Date,
    /** What pages and personal messages are shown in (chosen on "your settings"). */
    language: String,
    timeZone: String,
  },
  { ...opts, collection: 'users' },
);

export const ApiTokenSchema = new Schema(
  {
    userId: { type: String, required: true, index: true },
    name: String,
    /** SHA-256 of the token: the token itself is shown once and never stored. */
    hash: { type: String, required: true, unique: true },
    /** The token's first characters, so a person can tell their tokens apart. */
    hint: String,
    createdAt: Date,
    createdBy: String,
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    lastUsedAt: Date,
  },
  { ...opts, collection: 'api_tokens' },
);

export const MODEL = {
  User: 'User',
  ApiToken: 'ApiToken',
  WorkingGroup: 'WorkingGroup',
  Template: 'Template',
  ReportVersion: 'ReportVersion',
  Cycle: 'Cycle',
  Task: 'Task',
  Submission: 'Submission',
  Event: 'Event',
  Report: 'Report',
  Delivery: 'Delivery',
  WebhookSubscription: 'WebhookSubscription',
  SignInLink: 'SignInLink',
  Session: 'Session',
  RateCounter: 'RateCounter',
  SiteKey: 'SiteKey',
} as const;

/** Models whose records expire (`expiresAt`): a TTL index cleans them up where the server supports one. */
export const EXPIRING_MODELS = [MODEL.SignInLink, MODEL.Session, MODEL.RateCounter];
