import { AWAITING_STATUSES, calendarDaysUntil, LocalizedText, TaskStatus } from '@pact/domain';
import type { InboxItem } from '@pact/engine';

/** The filters of "My tasks": waiting for the chair (default), overdue only, submitted, everything. */
export const MY_TASKS_FILTERS: Record<string, TaskStatus[]> = {
  waiting: ['open', 'overdue'],
  overdue: ['overdue'],
  done: ['submitted'],
  all: ['open', 'overdue', 'submitted', 'cancelled'],
};

/**
 * The filter a `?show=` asks for: one of ours, else the default (never text from the URL). Own
 * keys only: `?show=constructor` once found Object's and passed a function to the inbox query.
 */
export function myTasksFilter(show: string | undefined): string {
  return show && Object.hasOwn(MY_TASKS_FILTERS, show) ? show : 'waiting';
}

/**
 * What the "My tasks" template shows, from what the engine read: each task with its group's field
 * of action, whether it still awaits the report, and the days left counted on the reader's
 * calendar (their time zone), not the server's. Pure, so each branch is a unit test.
 */
export function myTasksView(input: {
  filter: string;
  groupKeys: string[];
  items: InboxItem[];
  groups: { key: string; fieldOfAction: LocalizedText }[];
  now: Date;
  timeZone: string;
}) {
  const names = new Map(input.groups.map((g) => [g.key, g.fieldOfAction]));
  return {
    hasGroups: input.groupKeys.length > 0,
    show: input.filter,
    filters: Object.keys(MY_TASKS_FILTERS).map((key) => ({ key, current: key === input.filter })),
    items: input.items.map((i) => ({
      ...i,
      fieldOfAction: names.get(i.groupKey) ?? i.groupKey,
      awaiting: (AWAITING_STATUSES as string[]).includes(i.status),
      daysLeft: calendarDaysUntil(input.now, i.dueAt, input.timeZone),
    })),
  };
}
