import { calendarDayOf, decideRequest, dueDateOnDay, ExtensionRequest, newDueDateProblems, pendingRequest, reasonProblems } from './extension-request';

const due = new Date('2030-03-01T00:00:00Z');
const now = new Date('2030-02-20T00:00:00Z');
const compileAt = new Date('2030-06-01T00:00:00Z');

describe('extension requests', () => {
  it('a new due date must be later, in the future, and not after the compilation date', () => {
    expect(newDueDateProblems('d', new Date('2030-04-01T00:00:00Z'), { dueAt: due, now, compileAt })).toEqual([]);
    expect(newDueDateProblems('d', compileAt, { dueAt: due, now, compileAt })).toEqual([]);
    expect(newDueDateProblems('d', due, { dueAt: due, now, compileAt }).map((p) => p.rule)).toEqual(['date-not-after-due']);
    expect(newDueDateProblems('d', new Date('2030-02-01T00:00:00Z'), { dueAt: due, now, compileAt }).map((p) => p.rule)).toEqual(['date-not-after-due', 'date-not-future']);
    const late = newDueDateProblems('d', new Date('2030-06-01T00:00:01Z'), { dueAt: due, now, compileAt });
    expect(late).toEqual([{ path: 'd', rule: 'date-after-compilation', params: { date: compileAt }, message: "must not be after the milestone's compilation date (2030-06-01T00:00:00.000Z)" }]);
    expect(newDueDateProblems('d', new Date('nonsense'), { dueAt: due, now, compileAt })).toEqual([{ path: 'd', rule: 'date-invalid', message: 'must be a date' }]);
  });

  it('a reason is required and bounded', () => {
    expect(reasonProblems('reason', 'Elections in March')).toEqual([]);
    expect(reasonProblems('reason', '   ').map((p) => p.rule)).toEqual(['reason-missing']);
    expect(reasonProblems('reason', undefined).map((p) => p.rule)).toEqual(['reason-missing']);
    expect(reasonProblems('reason', ' ab ').map((p) => p.rule)).toEqual(['reason-too-short']);
    expect(reasonProblems('reason', 'x'.repeat(2000))).toEqual([]);
    expect(reasonProblems('reason', 'x'.repeat(2001))).toEqual([{ path: 'reason', rule: 'reason-too-long', params: { max: 2000 }, message: 'must be at most 2000 characters' }]);
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

describe('dueDateOnDay: a new due date named by a day keeps the hour people see', () => {
  it('keeps the current due time of day on the reader’s clock, across a change of summer time', () => {
    // Due 1 March 2031 at 10:00 in Brussels (winter, UTC+1); moved to 10 April (summer, UTC+2): 10:00 there still.
    const current = new Date('2031-03-01T09:00:00Z');
    expect(dueDateOnDay({ year: 2031, month: 4, day: 10 }, current, 'Europe/Brussels')!.toISOString()).toBe('2031-04-10T08:00:00.000Z');
    // A due date at midnight UTC, as the API sets from a plain date, stays at that hour for a Brussels reader.
    expect(dueDateOnDay({ year: 2031, month: 1, day: 20 }, new Date('2031-01-10T00:00:00Z'), 'Europe/Brussels')!.toISOString()).toBe('2031-01-20T00:00:00.000Z');
    // In New York that due date reads 9 January, 19:00: "the 20th" is the 20th at 19:00 there.
    expect(dueDateOnDay({ year: 2031, month: 1, day: 20 }, new Date('2031-01-10T00:00:00Z'), 'America/New_York')!.toISOString()).toBe('2031-01-21T00:00:00.000Z');
  });

  it('a day that does not exist is null', () => {
    expect(dueDateOnDay({ year: 2031, month: 2, day: 30 }, new Date('2031-01-10T00:00:00Z'), 'Europe/Brussels')).toBeNull();
  });

  it('reads what a date input sends, and nothing else', () => {
    expect(calendarDayOf('2031-04-10')).toEqual({ year: 2031, month: 4, day: 10 });
    for (const text of ['2031-4-10', '10.04.2031', '2031-04-10T00:00:00Z', '']) expect(calendarDayOf(text)).toBeNull();
  });
});
