import type { InboxItem, UserView, WorkingGroupService } from '@pact/engine';

/** A working group as the engine returns it (pages never see persistence's record type directly). */
export type GroupOfEngine = Awaited<ReturnType<WorkingGroupService['get']>>;

/** A working group for route tests of pages: its field of action, goal and chair named after its key. */
export function aGroup(key = 'education', over: Partial<GroupOfEngine> = {}): GroupOfEngine {
  return {
    key,
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
