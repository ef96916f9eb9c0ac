import { EscalationPolicy, reminderLeftOut, TaskTimer } from './escalation-policy';

const d = (iso: string) => new Date(iso);

// Levels deliberately given out of order: the policy sorts them.
const LEVELS = {
  levels: [
    { level: 2, daysAfterDue: 7, target: 'committee' as const },
    { level: 1, daysAfterDue: 0, target: 'chair' as const },
  ],
};

// Reminders deliberately given shortest first: the policy numbers them longest first.
const policy = () => new EscalationPolicy([3, 14], LEVELS);

// requested 2026-01-01, due 42 days later
const task = { id: 't1', requestedAt: d('2026-01-01T00:00:00.000Z'), dueAt: d('2026-02-12T00:00:00.000Z'), dueVersion: 0 };

const view = (timers: TaskTimer[]) => timers.map((t) => [t.key, t.fireAt.toISOString()]);

describe('EscalationPolicy levels', () => {
  it('knows its highest level and finds levels by number', () => {
    const p = policy();
    expect(p.maxLevel).toBe(2);
    expect(p.level(1)).toEqual({ level: 1, daysAfterDue: 0, target: 'chair' });
    expect(p.level(2)).toEqual({ level: 2, daysAfterDue: 7, target: 'committee' });
    expect(p.level(3)).toBeUndefined();
    expect(new EscalationPolicy([14], { levels: [] }).maxLevel).toBe(0);
  });

  it('does not reorder the arrays it was given', () => {
    const reminders = [3, 14];
    const input = { levels: [...LEVELS.levels] };
    new EscalationPolicy(reminders, input).timersFor(task);
    expect(reminders).toEqual([3, 14]);
    expect(input.levels.map((l) => l.level)).toEqual([2, 1]);
  });
});

describe('EscalationPolicy.timersFor', () => {
  it('produces reminders, the overdue timer and every escalation with deterministic keys', () => {
    expect(policy().timersFor(task)).toEqual([
      { key: 'reminder-t1-v0-1', kind: 'reminder', fireAt: d('2026-01-29T00:00:00.000Z'), dueVersion: 0, index: 1, daysBeforeDue: 14 },
      { key: 'reminder-t1-v0-2', kind: 'reminder', fireAt: d('2026-02-09T00:00:00.000Z'), dueVersion: 0, index: 2, daysBeforeDue: 3 },
      { key: 'overdue-t1-v0', kind: 'overdue', fireAt: d('2026-02-12T00:00:00.000Z'), dueVersion: 0, index: 0 },
      { key: 'escalate-t1-v0-1', kind: 'escalation', fireAt: d('2026-02-12T00:00:00.000Z'), dueVersion: 0, index: 1, target: 'chair' },
      { key: 'escalate-t1-v0-2', kind: 'escalation', fireAt: d('2026-02-19T00:00:00.000Z'), dueVersion: 0, index: 2, target: 'committee' },
    ]);
  });

  it('returns the same keys and dates every time', () => {
    expect(view(policy().timersFor(task))).toEqual(view(policy().timersFor({ ...task })));
  });

  it('keeps the time of day of the due date', () => {
    const timers = policy().timersFor({ ...task, dueAt: d('2026-02-12T17:00:00.000Z') });
    expect(timers.map((t) => t.fireAt.toISOString())).toEqual([
      '2026-01-29T17:00:00.000Z',
      '2026-02-09T17:00:00.000Z',
      '2026-02-12T17:00:00.000Z',
      '2026-02-12T17:00:00.000Z',
      '2026-02-19T17:00:00.000Z',
    ]);
  });

  it('drops reminders that would fall before the request, keeping the others numbered by rank', () => {
    // 10-day task: the 14-day reminder (2026-01-29) would precede the request (2026-02-02)
    const timers = policy().timersFor({ ...task, requestedAt: d('2026-02-02T00:00:00.000Z') });
    expect(view(timers)).toEqual([
      ['reminder-t1-v0-2', '2026-02-09T00:00:00.000Z'],
      ['overdue-t1-v0', '2026-02-12T00:00:00.000Z'],
      ['escalate-t1-v0-1', '2026-02-12T00:00:00.000Z'],
      ['escalate-t1-v0-2', '2026-02-19T00:00:00.000Z'],
    ]);
    expect(timers[0].index).toBe(2);
  });

  it('drops a reminder that would fire exactly at the request', () => {
    const timers = policy().timersFor({ ...task, requestedAt: d('2026-01-29T00:00:00.000Z') });
    expect(timers.filter((t) => t.kind === 'reminder').map((t) => t.key)).toEqual(['reminder-t1-v0-2']);
  });

  it('keeps a reminder a day after the request, and leaves out one that would come with it (within a day)', () => {
    const at = policy().timersFor({ ...task, requestedAt: d('2026-01-28T00:00:00.000Z') });
    expect(at.filter((t) => t.kind === 'reminder').map((t) => t.key)).toEqual(['reminder-t1-v0-1', 'reminder-t1-v0-2']);
    const within = policy().timersFor({ ...task, requestedAt: d('2026-01-28T00:00:00.001Z') });
    expect(within.filter((t) => t.kind === 'reminder').map((t) => t.key)).toEqual(['reminder-t1-v0-2']);
    expect(reminderLeftOut(d('2026-01-29T00:00:00.000Z'), d('2026-01-28T00:00:00.001Z'))).toBe('with-request');
    expect(reminderLeftOut(d('2026-01-27T23:59:59.999Z'), d('2026-01-28T00:00:00.000Z'))).toBe('before-request');
    expect(reminderLeftOut(d('2026-01-29T00:00:00.000Z'), d('2026-01-28T00:00:00.000Z'))).toBeNull();
  });

  it('drops every reminder for a task due within a day of its request', () => {
    const timers = policy().timersFor({ ...task, requestedAt: d('2026-02-11T00:00:00.000Z') });
    expect(timers.map((t) => t.key)).toEqual(['overdue-t1-v0', 'escalate-t1-v0-1', 'escalate-t1-v0-2']);
  });

  it('has only the overdue timer without reminders and levels', () => {
    expect(new EscalationPolicy([], { levels: [] }).timersFor(task)).toEqual([
      { key: 'overdue-t1-v0', kind: 'overdue', fireAt: d('2026-02-12T00:00:00.000Z'), dueVersion: 0, index: 0 },
    ]);
  });

  it('changes every key when the due version is bumped', () => {
    const before = policy().timersFor(task);
    const after = policy().timersFor({ ...task, dueAt: d('2026-02-26T00:00:00.000Z'), dueVersion: 1 });
    expect(after.map((t) => t.key)).toEqual(['reminder-t1-v1-1', 'reminder-t1-v1-2', 'overdue-t1-v1', 'escalate-t1-v1-1', 'escalate-t1-v1-2']);
    expect(after.every((t) => t.dueVersion === 1)).toBe(true);
    const old = new Set(before.map((t) => t.key));
    expect(after.filter((t) => old.has(t.key))).toEqual([]);
    expect(after.map((t) => t.fireAt.toISOString())).toEqual([
      '2026-02-12T00:00:00.000Z',
      '2026-02-23T00:00:00.000Z',
      '2026-02-26T00:00:00.000Z',
      '2026-02-26T00:00:00.000Z',
      '2026-03-05T00:00:00.000Z',
    ]);
  });

  it('changes every key even when only the version changes', () => {
    const v0 = policy()
      .timersFor(task)
      .map((t) => t.key);
    const v7 = policy()
      .timersFor({ ...task, dueVersion: 7 })
      .map((t) => t.key);
    expect(v7).toEqual(['reminder-t1-v7-1', 'reminder-t1-v7-2', 'overdue-t1-v7', 'escalate-t1-v7-1', 'escalate-t1-v7-2']);
    expect(v7.some((k) => v0.includes(k))).toBe(false);
  });

  it('puts the task id into every key', () => {
    const keys = policy()
      .timersFor({ ...task, id: '665f1c2ab3' })
      .map((t) => t.key);
    expect(keys).toEqual([
      'reminder-665f1c2ab3-v0-1',
      'reminder-665f1c2ab3-v0-2',
      'overdue-665f1c2ab3-v0',
      'escalate-665f1c2ab3-v0-1',
      'escalate-665f1c2ab3-v0-2',
    ]);
  });
});

describe('EscalationPolicy.pendingTimersFor', () => {
  const state = (status: string, escalationLevel: number, firedTimers: string[], extra: Partial<typeof task> = {}) => ({
    ...task,
    ...extra,
    status,
    escalationLevel,
    firedTimers,
  });
  const keys = (timers: TaskTimer[]) => timers.map((t) => t.key);

  it('keeps every timer of a fresh open task', () => {
    expect(keys(policy().pendingTimersFor(state('open', 0, [])))).toEqual([
      'reminder-t1-v0-1',
      'reminder-t1-v0-2',
      'overdue-t1-v0',
      'escalate-t1-v0-1',
      'escalate-t1-v0-2',
    ]);
  });

  it('excludes timers that already fired', () => {
    expect(keys(policy().pendingTimersFor(state('open', 0, ['reminder-t1-v0-1'])))).toEqual([
      'reminder-t1-v0-2',
      'overdue-t1-v0',
      'escalate-t1-v0-1',
      'escalate-t1-v0-2',
    ]);
  });

  it('does not let fired timers of an older version hide the new ones', () => {
    const fired = ['reminder-t1-v0-1', 'reminder-t1-v0-2', 'overdue-t1-v0', 'escalate-t1-v0-1'];
    expect(keys(policy().pendingTimersFor(state('open', 0, fired, { dueVersion: 1 })))).toEqual([
      'reminder-t1-v1-1',
      'reminder-t1-v1-2',
      'overdue-t1-v1',
      'escalate-t1-v1-1',
      'escalate-t1-v1-2',
    ]);
  });

  it('has no timers for submitted or cancelled tasks', () => {
    expect(policy().pendingTimersFor(state('submitted', 0, []))).toEqual([]);
    expect(policy().pendingTimersFor(state('cancelled', 0, []))).toEqual([]);
    expect(policy().pendingTimersFor(state('submitted', 1, ['overdue-t1-v0']))).toEqual([]);
  });

  it('keeps only escalations for an overdue task, even unfired reminders are dropped', () => {
    expect(keys(policy().pendingTimersFor(state('overdue', 0, [])))).toEqual(['escalate-t1-v0-1', 'escalate-t1-v0-2']);
  });

  it('keeps only escalations above the level an overdue task has reached', () => {
    // level 1 reached, but say its firing was not recorded: it is still not pending
    expect(keys(policy().pendingTimersFor(state('overdue', 1, ['overdue-t1-v0'])))).toEqual(['escalate-t1-v0-2']);
    expect(policy().pendingTimersFor(state('overdue', 2, ['overdue-t1-v0', 'escalate-t1-v0-1', 'escalate-t1-v0-2']))).toEqual([]);
  });

  it('excludes a fired escalation above the reached level', () => {
    expect(keys(policy().pendingTimersFor(state('overdue', 0, ['escalate-t1-v0-1'])))).toEqual(['escalate-t1-v0-2']);
  });

  it('returns full timer objects with fire dates', () => {
    expect(policy().pendingTimersFor(state('overdue', 1, []))).toEqual([
      { key: 'escalate-t1-v0-2', kind: 'escalation', fireAt: d('2026-02-19T00:00:00.000Z'), dueVersion: 0, index: 2, target: 'committee' },
    ]);
  });
});

describe('EscalationPolicy after an extension', () => {
  it('owes no reminder whose time had passed when the extension was granted', () => {
    const policy = new EscalationPolicy([14, 3], { levels: [{ level: 1, daysAfterDue: 0, target: 'chair' }] });
    const requestedAt = new Date('2030-01-01T00:00:00.000Z');
    const extendedAt = new Date('2030-03-25T00:00:00.000Z');
    const newDue = new Date('2030-04-01T00:00:00.000Z'); // 14-day reminder would be 2030-03-18: before the extension
    const pending = policy.pendingTimersFor({
      id: 't1',
      requestedAt,
      dueAt: newDue,
      dueVersion: 1,
      status: 'open',
      escalationLevel: 0,
      firedTimers: [],
      extensions: [{ at: extendedAt }],
    });
    expect(pending.filter((t) => t.kind === 'reminder').map((t) => t.fireAt.toISOString())).toEqual(['2030-03-29T00:00:00.000Z']);
  });
});
