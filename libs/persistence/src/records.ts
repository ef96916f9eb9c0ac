import type {
  Chair,
  CycleStatus,
  CyclePlan,
  ExtensionRequest,
  ImplementationReport,
  MilestoneStatus,
  ReportTemplate,
  SubmissionContent,
  TaskStatus,
  DeliveryChannel,
  DeliveryStatus,
  Role,
  WebhookScope,
  WebhookStatus,
} from '@pact/domain';

/** Plain records the repositories hand out: no Mongoose documents leave the persistence layer. */
export interface WorkingGroupRecord {
  key: string;
  fieldOfAction: string;
  goal: string;
  chair: Chair;
  updatedAt?: Date;
}

export interface MilestoneState {
  status: MilestoneStatus;
  requestedAt?: Date;
  compiledAt?: Date;
  /**
   * Revisions stored for this milestone so far, counted after each revision's task update. A
   * compilation notes the count before it reads; a higher count at the moment it marks the
   * milestone compiled means revisions it may have missed, so a recompilation is owed.
   */
  revisions?: number;
}

/** A stored cycle: its resolved plan, plus who takes part and how far it has got. */
export interface CycleRecord extends CyclePlan {
  id: string;
  name: string;
  status: CycleStatus;
  groupKeys: string[];
  template: ReportTemplate;
  milestoneState: Record<string, MilestoneState>;
  createdAt: Date;
  createdBy?: string;
  cancelledAt?: Date;
  cancelledBy?: string;
  cancelReason?: string;
  completedAt?: Date;
  /** Keys of effects on the cycle whose follow-ups (events, notifications) are still owed. */
  outbox?: string[];
}

export interface ExtensionRecord {
  from: Date;
  to: Date;
  reason: string;
  at: Date;
  actor: string;
  /** The chair's request this extension granted, when it was one (its follow-ups record extension.granted). */
  requestId?: string;
}

export interface TaskRecord {
  id: string;
  cycleId: string;
  milestoneKey: string;
  groupKey: string;
  status: TaskStatus;
  requestedAt: Date;
  dueAt: Date;
  originalDueAt: Date;
  dueVersion: number;
  escalationLevel: number;
  firedTimers: string[];
  lastReminderAt?: Date;
  extensions: ExtensionRecord[];
  submittedAt?: Date;
  late: boolean;
  latestRevision: number;
  summaryRun?: string;
  updatedAt?: Date;
  /** The chair's extension requests, oldest first: at most one pending, the others decided. */
  extensionRequests?: ExtensionRequest[];
  /**
   * The id of the request waiting for the committee, absent when none. Every change to
   * `extensionRequests` is guarded by it (no positional updates on FerretDB: the list is
   * written back whole), which also makes "one pending at a time" a single-document rule.
   */
  pendingExtensionRequestId?: string;
  /**
   * Keys of effects applied to the task whose follow-ups (event, notification, scheduling) are
   * still owed: written in the same atomic update as the effect, removed once the follow-ups are
   * done. A sweep finishes what a crashed or lost job left open.
   */
  outbox?: string[];
}

export interface SubmissionRecord {
  id: string;
  taskId: string;
  cycleId: string;
  milestoneKey: string;
  groupKey: string;
  revision: number;
  content: SubmissionContent;
  submittedAt: Date;
  late: boolean;
  afterCompilation: boolean;
  submittedBy: string;
}

export interface EventRecord {
  id: string;
  cycleId?: string;
  taskId?: string;
  groupKey?: string;
  type: string;
  at: Date;
  actor: string;
  data: Record<string, unknown>;
  dedupeKey: string;
}

export interface ReportRecord {
  id: string;
  cycleId: string;
  milestoneKey: string;
  milestoneKind: string;
  compiledAt: Date;
  report: ImplementationReport;
  /** Revisions that arrived after this milestone's report was first written (counted as they arrive). */
  lateRevisions?: number;
  /** How many of them the stored report includes; fewer than lateRevisions: a recompilation is owed. */
  lateRevisionsCompiled?: number;
  stale?: boolean;
  /** The milestone's revision count (MilestoneState.revisions) read before this report was built. */
  revisionsIncluded?: number;
}

/** A published version of a report: frozen, never updated. */
export interface ReportVersionRecord {
  id: string;
  cycleId: string;
  milestoneKey: string;
  milestoneTitle: string;
  version: number;
  compiledAt: Date;
  publishedAt: Date;
  publishedBy: string;
  /** SHA-256 (hex) of `json`. */
  sha256: string;
  /** The report exactly as published (JSON text): what every format of this version is rendered from. */
  json: string;
}

/** Turns a lean Mongo document into a record with a string `id`. */
export function toRecord<T>(doc: any): T {
  if (!doc) return doc;
  const { _id, ...rest } = doc;
  return { id: String(_id), ...rest } as T;
}

export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
  if (e?.code === 11000) return true;
  return Array.isArray(e?.writeErrors) && e.writeErrors.length > 0 && e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}


export interface UserRecord {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  groupKeys: string[];
  createdAt: Date;
  createdBy?: string;
  disabledAt?: Date;
  calendarTokenHash?: string;
  calendarTokenCreatedAt?: Date;
  /** Preferred language of pages and personal messages; unset: from the browser. */
  language?: string;
  /** IANA time zone dates are shown in; unset: the engine's default. */
  timeZone?: string;
}

export interface SignInLinkRecord {
  id: string;
  tokenHash: string;
  userId: string;
  next: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  expiresAt: Date;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  hash: string;
  hint: string;
  createdAt: Date;
  createdBy?: string;
  expiresAt: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
}


export interface DeliveryAttempt {
  n: number;
  at: Date;
  status: 'delivered' | 'logged' | 'failed';
  error?: string;
  /** SMTP reply code or HTTP status, when there was one. */
  code?: number;
  durationMs: number;
  /** Whether another attempt follows. */
  willRetry: boolean;
}

export interface DeliveryRecord {
  id: string;
  dedupeKey: string;
  kind: string;
  channel: DeliveryChannel;
  recipient: string;
  subscriptionId?: string;
  cycleId?: string;
  taskId?: string;
  groupKey?: string;
  message: Record<string, any>;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  attemptCount: number;
  round: number;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt?: Date;
}


export interface WebhookSubscriptionRecord {
  id: string;
  url: string;
  secret: string;
  scope: WebhookScope;
  groupKey?: string;
  userId?: string;
  kinds: string[];
  description?: string;
  status: WebhookStatus;
  consecutiveFailures: number;
  pausedAt?: Date;
  pausedReason?: string;
  lastError?: string;
  lastAttemptAt?: Date;
  lastSuccessAt?: Date;
  createdAt: Date;
  createdBy: string;
  ownerUserId?: string;
  disabledAt?: Date;
}
