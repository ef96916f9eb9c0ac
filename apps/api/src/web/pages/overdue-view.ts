import { ACTIVE_CYCLE_STATUSES, CycleStatus } from '@pact/domain';
import type { OverdueRequest } from '@pact/engine';

/** What was typed into one request's extension form, shown again beside its errors. */
export interface ExtensionValues {
  dueAt: string;
  reason: string;
}

/**
 * What the overdue list shows, from what the engine read: each overdue request with what was
 * typed into its form (empty unless the form came back with errors), and whether deadlines may
 * still move at all (only while the cycle is active: a completed or cancelled cycle's list is
 * read-only). Pure, so each branch is a unit test.
 */
export function overdueView<C extends { status: CycleStatus }>(input: { cycle: C; items: OverdueRequest[]; values: Record<string, ExtensionValues> }) {
  return {
    cycle: input.cycle,
    active: ACTIVE_CYCLE_STATUSES.includes(input.cycle.status),
    items: input.items.map((o) => ({ ...o, values: input.values[o.taskId] ?? { dueAt: '', reason: '' } })),
  };
}
