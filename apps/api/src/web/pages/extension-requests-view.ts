import { ACTIVE_CYCLE_STATUSES, CycleStatus } from '@pact/domain';
import type { DecisionAudience, PendingExtensionRequest } from '@pact/engine';

/** What was typed into one request's decision form, shown again beside its errors. */
export interface DecisionValues {
  decision: string;
  dueAt: string;
  reason: string;
}

/** A group nobody hears from: no chair to e-mail, no webhook subscription. */
const NOBODY: DecisionAudience = { chair: null, webhooksOnGrant: 0, webhooksOnRefusal: 0 };

/**
 * What the requests for more time show, from what the engine read: each pending request with
 * what was typed into its form (empty unless it came back with errors), who hears of a decision
 * on it, who asked (their address, without the actor's role prefix), and whether decisions may
 * still be taken (only while the cycle is active). Pure, so each branch is a unit test.
 */
export function extensionRequestsView<C extends { status: CycleStatus }>(input: {
  cycle: C;
  pending: PendingExtensionRequest[];
  audience: Map<string, DecisionAudience>;
  values: Record<string, DecisionValues>;
}) {
  return {
    cycle: input.cycle,
    active: ACTIVE_CYCLE_STATUSES.includes(input.cycle.status),
    requests: input.pending.map((r) => ({
      ...r,
      askedBy: r.requestedBy.replace(/^[a-z]+:/, ''),
      audience: input.audience.get(r.groupKey) ?? NOBODY,
      values: input.values[r.id] ?? { decision: '', dueAt: '', reason: '' },
    })),
  };
}
