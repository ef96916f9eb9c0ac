import { decideRequest, ExtensionRequest, newDueDateProblems, pendingRequest, reasonProblems } from './extension-request';

const due = new Date('2030-03-01T00:00:00Z');
const now = new Date('2030-02-20T00:00:00Z');
const compileAt = new Date('2030-06-01T00:00:00Z');

describe('extension requests', () => {
  it('a new due date must be later, in the future, and not after the compilation date', () => {
    expect(newDueDateProblems('d', new Date('2030-04-01T00:00:00Z'), { dueAt: due, now, compileAt })).toEqual([]);
    expect(newDueDateProblems('d', compileAt, { dueAt: due, now, compileAt })).toEqual([]);
    expect(newDueDateProblems('d', due, { dueAt: due, now, compileAt }).map((p) => p.rule)).toEqual(['date-not-after-due']);
    expect(newDueDateProblems('d', new Date('2030-02-01T00:00:00Z'), { dueAt: due, now, compileAt }).map((p) => p.rule)).toEqual([
      'date-not-after-due',
      'date-not-future',
    ]);
    const late = newDueDateProblems('d', new Date('2030-06-01T00:00:01Z'), { dueAt: due, now, compileAt });
    expect(late).toEqual([
      {
        path: 'd',
        rule: 'date-after-compilation',
        params: { date: compileAt },
        message: "must not be after the milestone's compilation date (2030-06-01T00:00:00.000Z)",
      },
    ]);
    expect(newDueDateProblems('d', new Date('nonsense'), { dueAt: due, now, compileAt })).toEqual([
      { path: 'd', rule: 'date-invalid', message: 'must be a date' },
    ]);
  });

  it('a reason is required and bounded', () => {
    expect(reasonProblems('reason', 'Elections in March')).toEqual([]);
    expect(reasonProblems('reason', '   ').map((p) => p.rule)).toEqual(['reason-missing']);
    expect(reasonProblems('reason', undefined).map((p) => p.rule)).toEqual(['reason-missing']);
    expect(reasonProblems('reason', ' ab ').map((p) => p.rule)).toEqual(['reason-too-short']);
    expect(reasonProblems('reason', 'x'.repeat(2000))).toEqual([]);
    expect(reasonProblems('reason', 'x'.repeat(2001))).toEqual([
      { path: 'reason', rule: 'reason-too-long', params: { max: 2000 }, message: 'must be at most 2000 characters' },
    ]);
  });

  it('a decision changes only the pending request it names', () => {
    const base = { proposedDueAt: due, reason: 'r', requestedBy: 'chair:a', requestedAt: now };
    const list: ExtensionRequest[] = [
      { ...base, id: 'a'.repeat(24), status: 'refused', decidedBy: 'committee:x', decidedAt: now, decisionReason: 'no' },
      { ...base, id: 'b'.repeat(24), status: 'pending' },
    ];
    expect(pendingRequest(list)?.id).toBe('b'.repeat(24));
    expect(pendingRequest([list[0]])).toBeUndefined();
    expect(pendingRequest(undefined)).toBeUndefined();
    const at = new Date('2030-02-21T00:00:00Z');
    const after = decideRequest(list, 'b'.repeat(24), { status: 'granted', by: 'committee:y', at, reason: 'ok', grantedDueAt: compileAt });
    expect(after[0]).toBe(list[0]);
    expect(after[1]).toEqual({ ...list[1], status: 'granted', decidedBy: 'committee:y', decidedAt: at, decisionReason: 'ok', grantedDueAt: compileAt });
    // Deciding a request that is not pending changes nothing.
    expect(decideRequest(list, 'a'.repeat(24), { status: 'granted', by: 'c', at, reason: 'x' })).toEqual(list);
    expect(list[1].status).toBe('pending');
  });
});
