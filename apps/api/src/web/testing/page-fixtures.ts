import { ImplementationReport, LocalizedText, MilestoneStatus, ProgressCell, ProgressTally, ReportCompiler } from '@pact/domain';
import { aCycle, someContent } from '@pact/engine/testing/fixtures';
import type {
  DeliveryLogPage,
  ProgressMatrix,
  ExtensionOutcome,
  Health,
  InboxItem,
  OverdueRequest,
  PendingExtensionRequest,
  SubscriptionView,
  UserView,
  WorkingGroupService,
} from '@pact/engine';

/** A working group as the engine returns it (pages never see persistence's record type directly). */
export type GroupOfEngine = Awaited<ReturnType<WorkingGroupService['get']>>;

/** A working group for route tests of pages: its field of action, goal and chair named after its key. */
export function aGroup(key = 'education', over: Partial<GroupOfEngine> = {}): GroupOfEngine {
  return {
    key,
    programme: 'pact',
    fieldOfAction: `Field ${key}`,
    goal: `The goal of ${key}`,
    chair: { name: `Chair of ${key}`, email: `chair.${key}@example.org`, language: 'de', timeZone: 'Europe/Berlin' },
    ...over,
  };
}

/** A user as IdentityService.listUsers returns them. */
export function aUser(over: Partial<UserView> = {}): UserView {
  return {
    id: '65f1a2b3c4d5e6f708192b01',
    name: 'Maria Rossi',
    email: 'maria.rossi@example.org',
    roles: ['committee'],
    committeeOf: ['pact'],
    groupKeys: [],
    createdAt: new Date('2030-01-01T00:00:00Z'),
    ...over,
  };
}

/** A chair's task as InboxQuery.list gives it: open, due on 20 January 2030 at the end of the day in Berlin. */
export function anItem(over: Partial<InboxItem> = {}): InboxItem {
  return {
    id: 'task-1',
    cycleId: 'cycle-1',
    cycleName: 'Pact 2030',
    milestoneKey: 'final',
    milestoneTitle: 'Final report',
    groupKey: 'education',
    status: 'open',
    dueAt: new Date('2030-01-20T22:59:59Z'),
    daysLeft: 5,
    escalationLevel: 0,
    lastReminderAt: null,
    extended: false,
    latestRevision: 0,
    submittedAt: null,
    late: false,
    extensionRequest: null,
    ...over,
  };
}

/** A request on the overdue list (CycleProgressQuery.overdue): due on 10 January 2030 at the end of the day in Berlin, five days overdue. */
export function anOverdueRequest(over: Partial<OverdueRequest> = {}): OverdueRequest {
  return {
    taskId: '65f1a2b3c4d5e6f708192a3b',
    groupKey: 'education',
    fieldOfAction: 'Field education',
    chair: { name: 'Anna Weber', email: 'anna.weber@example.org', language: 'de', timeZone: 'Europe/Berlin' },
    milestoneKey: 'final',
    milestoneTitle: 'Final report',
    dueAt: new Date('2030-01-10T22:59:59Z'),
    daysOverdue: 5,
    escalationLevel: 1,
    extensions: 0,
    latestDueAt: new Date('2030-06-01T00:00:00Z'),
    webhooksOnExtension: 0,
    ...over,
  };
}

/** What a new due date came to and who was told (CycleProgressQuery.extensionOutcome): the final report of education, due on 1 February 2030. */
export function anExtensionOutcome(over: Partial<ExtensionOutcome> = {}): ExtensionOutcome {
  return {
    taskId: '65f1a2b3c4d5e6f708192a3b',
    cycleId: '65f1a2b3c4d5e6f708192a3c',
    groupKey: 'education',
    fieldOfAction: 'Field education',
    milestoneTitle: 'Final report',
    dueAt: new Date('2030-02-01T22:59:59Z'),
    extension: null,
    request: null,
    chair: { name: 'Anna Weber', email: 'anna.weber@example.org', language: 'de', timeZone: 'Europe/Berlin' },
    webhooks: 0,
    warnings: [],
    ...over,
  };
}

/**
 * A chair's request for more time waiting for the committee (ExtensionRequestService.pending):
 * the education group's final report, due on 10 January 2030 (Berlin), asked to move to 1 February.
 */
export function aPendingRequest(over: Partial<PendingExtensionRequest> = {}): PendingExtensionRequest {
  return {
    id: '65f1a2b3c4d5e6f708192a4e',
    proposedDueAt: new Date('2030-02-01T22:59:59Z'),
    reason: 'Our data arrives late',
    requestedBy: 'chair:anna.weber@example.org',
    requestedAt: new Date('2030-01-08T10:00:00Z'),
    status: 'pending',
    taskId: '65f1a2b3c4d5e6f708192a3b',
    taskStatus: 'open',
    dueAt: new Date('2030-01-10T22:59:59Z'),
    cycleId: '65f1a2b3c4d5e6f708192a3c',
    cycleName: 'Pact 2030',
    milestoneKey: 'final',
    milestoneTitle: 'Final report',
    compileAt: new Date('2030-06-01T00:00:00Z'),
    groupKey: 'education',
    fieldOfAction: 'Field education',
    ...over,
  };
}

/** A delivery as DeliveryQuery gives it: a reminder e-mailed to the education group's chair, delivered on the first attempt. */
export function aDelivery(over: Partial<DeliveryLogPage['items'][number]> = {}): DeliveryLogPage['items'][number] {
  return {
    id: `d${'0'.repeat(30)}1`,
    dedupeKey: 'reminder:task-1:14',
    kind: 'reminder',
    channel: 'email',
    recipient: 'anna.weber@example.org',
    cycleId: '65f1a2b3c4d5e6f708192a3c',
    taskId: '65f1a2b3c4d5e6f708192a3b',
    groupKey: 'education',
    message: { subject: 'Reminder: Final report' },
    status: 'delivered',
    attempts: [{ n: 1, at: new Date('2030-01-14T08:00:01Z'), status: 'delivered', durationMs: 120, willRetry: false }],
    attemptCount: 1,
    round: 1,
    createdAt: new Date('2030-01-14T08:00:00Z'),
    updatedAt: new Date('2030-01-14T08:00:01Z'),
    deliveredAt: new Date('2030-01-14T08:00:01Z'),
    ...over,
  };
}

/** A webhook subscription as WebhookSubscriptionService lists it: the whole network's events, to a chat service whose URL path holds its token. */
export function aSubscription(over: Partial<SubscriptionView> = {}): SubscriptionView {
  return {
    id: '65f1a2b3c4d5e6f708192c01',
    url: 'https://chat.example.org/hooks/SECRET-TOKEN',
    scope: 'network',
    kinds: [],
    status: 'active',
    consecutiveFailures: 0,
    createdAt: new Date('2030-01-01T00:00:00Z'),
    createdBy: 'operator:olga@example.org',
    ...over,
  };
}

/** Both stores up, as HealthService.check says it. */
export function aHealth(over: Partial<Health> = {}): Health {
  return {
    status: 'ok',
    mongo: { status: 'up', ms: 3, clientRebuilds: 0 },
    redis: { status: 'up', ms: 1 },
    now: new Date('2030-01-15T09:00:00Z'),
    clock: 'manual',
    ...over,
  };
}

/**
 * A compiled report as the domain's compiler makes it (what ReportReadingService gives): the
 * final report of `cycleId`, education on time with the engine fixtures' content, housing missing.
 */
export function aReport(cycleId = '65f1a2b3c4d5e6f708192a3c', over: { cycleName?: string; actual?: number } = {}): ImplementationReport {
  const compiler = new ReportCompiler({
    cycleId,
    cycleName: over.cycleName ?? 'Pact 2030',
    milestoneKey: 'final',
    milestoneTitle: 'Final report',
    milestoneKind: 'final',
    dueAt: new Date('2030-03-01T00:00:00Z'),
    compiledAt: new Date('2030-06-01T00:00:00Z'),
  });
  const content = someContent();
  content.indicators[0].actual = over.actual ?? content.indicators[0].actual;
  compiler.add({
    groupKey: 'education',
    fieldOfAction: 'Field education',
    status: 'submitted',
    late: false,
    submittedAt: new Date('2030-02-01T00:00:00Z'),
    revision: 1,
    escalationLevel: 0,
    extended: false,
    content,
  });
  compiler.add({ groupKey: 'housing', fieldOfAction: 'Field housing', status: 'overdue', late: false, escalationLevel: 2, extended: false });
  return compiler.result();
}

/** A cell of the progress matrix: an open request due on 1 March 2030 (`id` its task). */
export function aCell(id: string, over: Partial<ProgressCell> = {}): ProgressCell {
  return {
    taskId: id,
    state: 'open',
    dueAt: new Date('2030-03-01T22:59:59Z'),
    escalationLevel: 0,
    extensions: 0,
    revision: 0,
    extensionRequested: false,
    ...over,
  };
}

/**
 * A cycle's progress matrix as CycleProgressQuery.matrix gives it, read at `now`: the given
 * milestones (key, title, state, request date) and rows (a cell per milestone, null where not
 * requested yet), with each milestone's counts and the total tallied as the engine does (ProgressTally).
 */
export function aMatrix(input: {
  now?: Date;
  milestones: { key: string; title: string; status?: MilestoneStatus; requestAt?: Date }[];
  rows: { groupKey: string; fieldOfAction: LocalizedText; cells: (ProgressCell | null)[] }[];
}): ProgressMatrix {
  const now = input.now ?? new Date('2030-03-15T09:00:00Z');
  const total = new ProgressTally(now);
  const milestones = input.milestones.map((m, i) => {
    const tally = new ProgressTally(now);
    for (const row of input.rows) {
      const cell = row.cells[i];
      if (cell) {
        tally.add(cell);
        total.add(cell);
      }
    }
    return {
      key: m.key,
      title: m.title,
      kind: i === input.milestones.length - 1 ? ('final' as const) : ('progress' as const),
      status: m.status ?? 'requested',
      requestAt: m.requestAt ?? new Date(Date.UTC(2030, i * 3, 1)),
      dueAt: new Date(Date.UTC(2030, i * 3 + 2, 1)),
      compileAt: new Date(Date.UTC(2030, i * 3 + 2, 15)),
      progress: tally.result(),
    };
  });
  const cycle = aCycle({
    name: 'Pact 2030',
    milestones: milestones.map((m) => ({ key: m.key, title: m.title, kind: m.kind, requestAt: m.requestAt, dueAt: m.dueAt, compileAt: m.compileAt })),
  });
  return { cycle, milestones, rows: input.rows, total: total.result(), now };
}
