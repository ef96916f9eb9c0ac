import { textProblems } from '../texts/text-rules';
import type { ContentProblem } from '../submissions/submission-content';

/**
 * A chair's request for more time: they propose a new due date and say why; the committee
 * grants it (the task is extended, every timer moves) or refuses it (the date stays). One
 * request may be pending per task at a time; decided requests stay on the task as its history.
 */
export const EXTENSION_REQUEST_STATUSES = ['pending', 'granted', 'refused', 'lapsed'] as const;
export type ExtensionRequestStatus = (typeof EXTENSION_REQUEST_STATUSES)[number];

export interface ExtensionRequest {
  /** 24 hexadecimal digits: it appears in follow-up keys (taskKeys.extensionRequested). */
  id: string;
  proposedDueAt: Date;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  status: ExtensionRequestStatus;
  decidedBy?: string;
  decidedAt?: Date;
  decisionReason?: string;
  /** Granted: the due date given (the proposed one, unless the committee chose another). */
  grantedDueAt?: Date;
  /** Lapsed: why no decision was needed any more. */
  lapsedBecause?: LapseReason;
}

/** A request lapses when its report came in first, or when the committee cancelled the cycle. */
export type LapseReason = 'submitted' | 'cancelled';

/** The length of a request's or a decision's reason, as the API's DTOs also enforce. */
export const REASON_LENGTH = { min: 3, max: 2000 } as const;

export const EXTENSION_REQUEST_ID = /^[0-9a-f]{24}$/;

/**
 * What is wrong with `proposed` as a task's new due date: it must move the date later, lie in
 * the future, and leave the milestone's compilation date in place (the report would otherwise
 * be compiled without the group). The same rules for a committee's extension and a chair's
 * request, so a request the committee could not grant is refused when asked.
 */
export function newDueDateProblems(path: string, proposed: Date, current: { dueAt: Date; now: Date; compileAt: Date }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (Number.isNaN(proposed.getTime())) return [{ path, message: 'must be a date', rule: 'date-invalid' }];
  if (proposed.getTime() <= current.dueAt.getTime()) {
    problems.push({
      path,
      message: `must be after the current due date (${current.dueAt.toISOString()})`,
      rule: 'date-not-after-due',
      params: { date: current.dueAt },
    });
  }
  if (proposed.getTime() <= current.now.getTime()) {
    problems.push({ path, message: `must be in the future (now is ${current.now.toISOString()})`, rule: 'date-not-future', params: { date: current.now } });
  }
  if (proposed.getTime() > current.compileAt.getTime()) {
    problems.push({
      path,
      message: `must not be after the milestone's compilation date (${current.compileAt.toISOString()})`,
      rule: 'date-after-compilation',
      params: { date: current.compileAt },
    });
  }
  return problems;
}

/** A reason is required, and bounded (it goes into e-mails and the event log). */
export function reasonProblems(path: string, reason: unknown): ContentProblem[] {
  if (typeof reason !== 'string' || reason.trim().length === 0) return [{ path, message: 'must not be empty', rule: 'reason-missing' }];
  const length = reason.trim().length;
  if (length < REASON_LENGTH.min)
    return [{ path, message: `must be at least ${REASON_LENGTH.min} characters`, rule: 'reason-too-short', params: { min: REASON_LENGTH.min } }];
  if (length > REASON_LENGTH.max)
    return [{ path, message: `must be at most ${REASON_LENGTH.max} characters`, rule: 'reason-too-long', params: { max: REASON_LENGTH.max } }];
  return textProblems(path, reason, 'text');
}

/** The request still waiting for the committee, if any (at most one). */
export function pendingRequest(requests: readonly ExtensionRequest[] | undefined): ExtensionRequest | undefined {
  return requests?.find((r) => r.status === 'pending');
}

/**
 * The task's request list after a decision: the pending request `id` decided, the others as
 * they were. The list is written back whole (no positional updates on FerretDB), guarded by
 * the task's pending request id, so no other change to it can be overwritten.
 */
export function decideRequest(
  requests: readonly ExtensionRequest[],
  id: string,
  decision: { status: 'granted' | 'refused'; by: string; at: Date; reason: string; grantedDueAt?: Date },
): ExtensionRequest[] {
  return requests.map((r) =>
    r.id === id && r.status === 'pending'
      ? {
          ...r,
          status: decision.status,
          decidedBy: decision.by,
          decidedAt: decision.at,
          decisionReason: decision.reason,
          ...(decision.grantedDueAt ? { grantedDueAt: decision.grantedDueAt } : {}),
        }
      : r,
  );
}

/**
 * The report came in, or the cycle was cancelled, before the committee decided: the pending
 * request lapses (there is no due date left to move), so it leaves the committee's list and the
 * chair's page says why.
 */
export function lapsePendingRequest(requests: readonly ExtensionRequest[], id: string, at: Date, because: LapseReason): ExtensionRequest[] {
  return requests.map((r) => (r.id === id && r.status === 'pending' ? { ...r, status: 'lapsed', decidedAt: at, lapsedBecause: because } : r));
}
