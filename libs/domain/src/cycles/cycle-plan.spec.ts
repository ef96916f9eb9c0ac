import { CyclePlanInput, DEFAULT_ESCALATION, DEFAULT_LENGTH_MONTHS, DEFAULT_REMINDER_DAYS, defaultMilestones, MilestoneInput, planCycle } from './cycle-plan';

const d = (iso: string) => new Date(iso);
const START = d('2025-01-01T00:00:00.000Z');
const END_ISO = '2027-01-01T00:00:00.000Z';

function input(overrides: Partial<CyclePlanInput> = {}): CyclePlanInput {
  return {
    start: START,
    lengthMonths: 24,
    milestones: defaultMilestones(),
    reminderDaysBeforeDue: [14, 3],
    escalation: {
      levels: [
        { level: 1, daysAfterDue: 0, target: 'chair' },
        { level: 2, daysAfterDue: 7, target: 'committee' },
      ],
    },
    ...overrides,
  };
}

function one(m: Partial<MilestoneInput>): MilestoneInput[] {
  return [{ key: 'm', title: 'Milestone', kind: 'progress', ...m }];
}

describe('defaults', () => {
  it('describe the Pact rhythm', () => {
    expect(DEFAULT_LENGTH_MONTHS).toBe(24);
    expect(DEFAULT_REMINDER_DAYS).toEqual([14, 3]);
    expect(DEFAULT_ESCALATION.levels).toEqual([
      { level: 1, daysAfterDue: 0, target: 'chair' },
      { level: 2, daysAfterDue: 7, target: 'committee' },
    ]);
    expect(defaultMilestones()).toEqual([
      { key: 'mid-term', title: 'Mid-term progress report', kind: 'progress', requestMonth: 12, dueDaysAfterRequest: 42, compileMonth: 14 },
      { key: 'final', title: 'Implementation report', kind: 'final', requestMonth: 22, dueMonth: 23, compileMonth: 24 },
    ]);
  });

  it('defaultMilestones returns a fresh array each time', () => {
    const a = defaultMilestones();
    a[0].requestMonth = 1;
    a.pop();
    expect(defaultMilestones()).toHaveLength(2);
    expect(defaultMilestones()[0].requestMonth).toBe(12);
  });
});

describe('planCycle with the default milestones', () => {
  it('resolves every date relative to a 1 January start', () => {
    const { plan, problems } = planCycle(input());
    expect(problems).toEqual([]);
    expect(plan).toBeDefined();
    expect(plan!.start.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(plan!.end.toISOString()).toBe(END_ISO);
    expect(plan!.lengthMonths).toBe(24);
    expect(plan!.milestones.map((m) => [m.key, m.kind, m.requestAt.toISOString(), m.dueAt.toISOString(), m.compileAt.toISOString()])).toEqual([
      // month 12, +42 days, month 14
      ['mid-term', 'progress', '2026-01-01T00:00:00.000Z', '2026-02-12T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      // month 22, month 23, month 24 (= end)
      ['final', 'final', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ]);
    expect(plan!.milestones[0].title).toBe('Mid-term progress report');
    expect(plan!.milestones[1].title).toBe('Implementation report');
  });

  it('clamps month arithmetic for a cycle starting on 31 January', () => {
    const { plan, problems } = planCycle(input({ start: d('2024-01-31T00:00:00.000Z') }));
    expect(problems).toEqual([]);
    expect(plan!.end.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(plan!.milestones.map((m) => [m.requestAt.toISOString(), m.dueAt.toISOString(), m.compileAt.toISOString()])).toEqual([
      ['2025-01-31T00:00:00.000Z', '2025-03-14T00:00:00.000Z', '2025-03-31T00:00:00.000Z'],
      ['2025-11-30T00:00:00.000Z', '2025-12-31T00:00:00.000Z', '2026-01-31T00:00:00.000Z'],
    ]);
  });

  it('sorts and de-duplicates reminder days, longest first', () => {
    const { plan } = planCycle(input({ reminderDaysBeforeDue: [3, 14, 7, 3] }));
    expect(plan!.reminderDaysBeforeDue).toEqual([14, 7, 3]);
  });

  it('sorts escalation levels by level', () => {
    const { plan, problems } = planCycle(
      input({
        escalation: {
          levels: [
            { level: 2, daysAfterDue: 7, target: 'committee' },
            { level: 1, daysAfterDue: 0, target: 'chair' },
          ],
        },
      }),
    );
    expect(problems).toEqual([]);
    expect(plan!.escalation.levels.map((l) => l.level)).toEqual([1, 2]);
  });

  it('accepts equal daysAfterDue for consecutive levels and no levels at all', () => {
    expect(
      planCycle(
        input({
          escalation: {
            levels: [
              { level: 1, daysAfterDue: 5, target: 'chair' },
              { level: 2, daysAfterDue: 5, target: 'committee' },
            ],
          },
        }),
      ).problems,
    ).toEqual([]);
    expect(planCycle(input({ escalation: { levels: [] } })).problems).toEqual([]);
  });

  it('accepts a compileAt exactly at now', () => {
    const { problems } = planCycle(input({ now: d('2026-03-01T00:00:00.000Z') }));
    expect(problems).toEqual([]);
  });
});

describe('planCycle with absolute dates', () => {
  it('uses the given dates', () => {
    const { plan, problems } = planCycle(
      input({
        milestones: one({ requestAt: d('2025-06-10T09:00:00.000Z'), dueAt: d('2025-07-10T17:00:00.000Z'), compileAt: d('2025-08-01T00:00:00.000Z') }),
      }),
    );
    expect(problems).toEqual([]);
    expect(plan!.milestones).toEqual([
      {
        key: 'm',
        title: 'Milestone',
        kind: 'progress',
        requestAt: d('2025-06-10T09:00:00.000Z'),
        dueAt: d('2025-07-10T17:00:00.000Z'),
        compileAt: d('2025-08-01T00:00:00.000Z'),
      },
    ]);
  });

  it('mixes absolute request with relative due days', () => {
    const { plan } = planCycle(input({ milestones: one({ requestAt: d('2025-06-10T00:00:00.000Z'), dueDaysAfterRequest: 30, compileMonth: 7 }) }));
    expect(plan!.milestones[0].dueAt.toISOString()).toBe('2025-07-10T00:00:00.000Z');
    expect(plan!.milestones[0].compileAt.toISOString()).toBe('2025-08-01T00:00:00.000Z');
  });

  it('compiles at the cycle end when no compile date is given', () => {
    const { plan } = planCycle(input({ milestones: one({ requestMonth: 3, dueMonth: 4 }) }));
    expect(plan!.milestones[0].compileAt.toISOString()).toBe(END_ISO);
  });

  it('sorts milestones by request date', () => {
    const { plan } = planCycle(
      input({
        milestones: [
          { key: 'c', title: 'C', kind: 'final', requestMonth: 20, dueMonth: 21 },
          { key: 'a', title: 'A', kind: 'progress', requestMonth: 2, dueMonth: 3 },
          { key: 'b', title: 'B', kind: 'progress', requestAt: d('2025-06-01T00:00:00.000Z'), dueMonth: 6 },
        ],
      }),
    );
    expect(plan!.milestones.map((m) => m.key)).toEqual(['a', 'b', 'c']);
  });
});

describe('planCycle problems', () => {
  it('needs at least one milestone', () => {
    expect(planCycle(input({ milestones: [] }))).toEqual({ problems: [{ path: 'milestones', message: 'at least one milestone is needed' }] });
  });

  it('reports a request after the cycle end (with the due date after it and compile before due)', () => {
    // request month 25 = 2027-02-01, due +10 days = 2027-02-11, compile defaults to the end 2027-01-01
    const result = planCycle(input({ milestones: one({ requestMonth: 25, dueDaysAfterRequest: 10 }) }));
    expect(result.plan).toBeUndefined();
    expect(result.problems).toEqual([
      { path: 'milestones[0].requestAt', message: `is after the cycle ends (${END_ISO})` },
      { path: 'milestones[0].dueAt', message: `is after the cycle ends (${END_ISO})` },
      { path: 'milestones[0].compileAt', message: 'must not be before the due date (2027-02-11T00:00:00.000Z)' },
    ]);
  });

  it('reports a due date after the cycle end', () => {
    const { problems } = planCycle(input({ milestones: one({ requestMonth: 20, dueMonth: 25, compileMonth: 24 }) }));
    expect(problems).toEqual([
      { path: 'milestones[0].dueAt', message: `is after the cycle ends (${END_ISO})` },
      { path: 'milestones[0].compileAt', message: 'must not be before the due date (2027-02-01T00:00:00.000Z)' },
    ]);
  });

  it('reports a compile date after the cycle end', () => {
    const { problems } = planCycle(input({ milestones: one({ requestMonth: 20, dueMonth: 21, compileMonth: 25 }) }));
    expect(problems).toEqual([{ path: 'milestones[0].compileAt', message: `is after the cycle ends (${END_ISO})` }]);
  });

  it('reports a request before the cycle start', () => {
    const { problems } = planCycle(input({ milestones: one({ requestAt: d('2024-12-01T00:00:00.000Z'), dueMonth: 1 }) }));
    expect(problems).toEqual([{ path: 'milestones[0].requestAt', message: 'is before the cycle starts' }]);
  });

  it('reports a due date before the request date', () => {
    const { problems } = planCycle(input({ milestones: one({ requestMonth: 12, dueMonth: 11, compileMonth: 14 }) }));
    expect(problems).toEqual([{ path: 'milestones[0].dueAt', message: 'must be after the request date (2026-01-01T00:00:00.000Z)' }]);
  });

  it('reports a due date equal to the request date', () => {
    const { problems } = planCycle(input({ milestones: one({ requestMonth: 12, dueDaysAfterRequest: 0, compileMonth: 14 }) }));
    expect(problems).toEqual([{ path: 'milestones[0].dueAt', message: 'must be after the request date (2026-01-01T00:00:00.000Z)' }]);
  });

  it('reports a compile date before the due date, but accepts one equal to it', () => {
    expect(planCycle(input({ milestones: one({ requestMonth: 12, dueMonth: 14, compileMonth: 13 }) })).problems).toEqual([
      { path: 'milestones[0].compileAt', message: 'must not be before the due date (2026-03-01T00:00:00.000Z)' },
    ]);
    expect(planCycle(input({ milestones: one({ requestMonth: 12, dueMonth: 14, compileMonth: 14 }) })).problems).toEqual([]);
  });

  it('reports a compile date in the past relative to now', () => {
    // mid-term compiles 2026-03-01, final compiles 2027-01-01
    const result = planCycle(input({ now: d('2026-03-02T00:00:00.000Z') }));
    expect(result.plan).toBeUndefined();
    expect(result.problems).toEqual([{ path: 'milestones[0].compileAt', message: 'is in the past (now is 2026-03-02T00:00:00.000Z)' }]);
  });

  it('ignores past dates when no now is given', () => {
    expect(planCycle(input({ start: d('2000-01-01T00:00:00.000Z') })).problems).toEqual([]);
  });

  it('reports duplicate milestone keys', () => {
    const { problems } = planCycle(
      input({
        milestones: [
          { key: 'mid-term', title: 'A', kind: 'progress', requestMonth: 6, dueMonth: 7 },
          { key: 'mid-term', title: 'B', kind: 'progress', requestMonth: 12, dueMonth: 13 },
        ],
      }),
    );
    expect(problems).toEqual([{ path: 'milestones[1].key', message: 'duplicate milestone key "mid-term"' }]);
  });

  it.each(['Mid-term', '1st', 'mid_term', 'mid.term', 'a:b', '', '-x', 'a'.repeat(64), 'a$b'])('rejects the key %j', (key) => {
    const { problems, plan } = planCycle(input({ milestones: one({ key, requestMonth: 3, dueMonth: 4 }) }));
    expect(plan).toBeUndefined();
    expect(problems).toEqual([{ path: 'milestones[0].key', message: 'lowercase letters, digits and dashes, starting with a letter' }]);
  });

  it.each(['a', 'mid-term', 'q3-2025', 'a'.repeat(63)])('accepts the key %j', (key) => {
    expect(planCycle(input({ milestones: one({ key, requestMonth: 3, dueMonth: 4 }) })).problems).toEqual([]);
  });

  it('reports both requestAt and requestMonth', () => {
    const { problems } = planCycle(input({ milestones: one({ requestAt: d('2025-03-01T00:00:00.000Z'), requestMonth: 2, dueMonth: 4 }) }));
    expect(problems).toContainEqual({ path: 'milestones[0].requestAt', message: 'give either requestAt or a relative months value, not both' });
    expect(problems.every((p) => p.path === 'milestones[0].requestAt')).toBe(true);
  });

  it('reports both requestAt and requestMonth with a single, accurate problem', () => {
    const { problems } = planCycle(input({ milestones: one({ requestAt: d('2025-03-01T00:00:00.000Z'), requestMonth: 2, dueMonth: 4 }) }));
    expect(problems).toEqual([{ path: 'milestones[0].requestAt', message: 'give either requestAt or a relative months value, not both' }]);
  });

  it('reports more than one way of giving the due date', () => {
    const msg = { path: 'milestones[0].dueAt', message: 'give only one of dueAt, dueMonth, dueDaysAfterRequest' };
    expect(planCycle(input({ milestones: one({ requestMonth: 3, dueAt: d('2025-05-01T00:00:00.000Z'), dueMonth: 4 }) })).problems).toEqual([msg]);
    expect(planCycle(input({ milestones: one({ requestMonth: 3, dueMonth: 4, dueDaysAfterRequest: 10 }) })).problems).toEqual([msg]);
    expect(planCycle(input({ milestones: one({ requestMonth: 3, dueAt: d('2025-05-01T00:00:00.000Z'), dueDaysAfterRequest: 10 }) })).problems).toEqual([msg]);
  });

  it('reports both compileAt and compileMonth', () => {
    const { problems } = planCycle(input({ milestones: one({ requestMonth: 3, dueMonth: 4, compileAt: d('2025-06-01T00:00:00.000Z'), compileMonth: 5 }) }));
    expect(problems).toEqual([{ path: 'milestones[0].compileAt', message: 'give either compileAt or a relative months value, not both' }]);
  });

  it('reports a missing request or due date', () => {
    expect(planCycle(input({ milestones: one({ dueMonth: 4 }) })).problems).toEqual([
      { path: 'milestones[0].requestAt', message: 'requestAt or requestMonth is required' },
    ]);
    expect(planCycle(input({ milestones: one({ requestMonth: 3 }) })).problems).toEqual([
      { path: 'milestones[0].dueAt', message: 'dueAt, dueMonth or dueDaysAfterRequest is required' },
    ]);
  });

  it('reports escalation levels with a gap', () => {
    const { problems, plan } = planCycle(
      input({
        escalation: {
          levels: [
            { level: 1, daysAfterDue: 0, target: 'chair' },
            { level: 3, daysAfterDue: 7, target: 'committee' },
          ],
        },
      }),
    );
    expect(plan).toBeUndefined();
    expect(problems).toEqual([{ path: 'escalation.levels[1].level', message: 'levels must be numbered 1, 2, … without gaps or repeats' }]);
  });

  it('reports escalation levels that do not start at 1, and duplicate levels', () => {
    expect(planCycle(input({ escalation: { levels: [{ level: 2, daysAfterDue: 0, target: 'chair' }] } })).problems).toEqual([
      { path: 'escalation.levels[0].level', message: 'levels must be numbered 1, 2, … without gaps or repeats' },
    ]);
    expect(
      planCycle(
        input({
          escalation: {
            levels: [
              { level: 1, daysAfterDue: 0, target: 'chair' },
              { level: 1, daysAfterDue: 3, target: 'committee' },
            ],
          },
        }),
      ).problems,
    ).toEqual([{ path: 'escalation.levels[1].level', message: 'levels must be numbered 1, 2, … without gaps or repeats' }]);
  });

  it('reports a higher escalation level with fewer days than a lower one', () => {
    const { problems } = planCycle(
      input({
        escalation: {
          levels: [
            { level: 1, daysAfterDue: 7, target: 'chair' },
            { level: 2, daysAfterDue: 3, target: 'committee' },
          ],
        },
      }),
    );
    expect(problems).toEqual([{ path: 'escalation.levels[1].daysAfterDue', message: 'a higher level cannot come before a lower one' }]);
  });

  it('names the offending escalation level by its index in the input', () => {
    const { problems } = planCycle(
      input({
        escalation: {
          levels: [
            { level: 3, daysAfterDue: 7, target: 'committee' },
            { level: 1, daysAfterDue: 0, target: 'chair' },
          ],
        },
      }),
    );
    expect(problems).toEqual([{ path: 'escalation.levels[0].level', message: 'levels must be numbered 1, 2, … without gaps or repeats' }]);
  });

  it('reports non-positive or non-finite reminder days', () => {
    const { problems } = planCycle(input({ reminderDaysBeforeDue: [14, 0, -3, NaN, Infinity, 2] }));
    expect(problems).toEqual([
      { path: 'reminderDaysBeforeDue[1]', message: 'must be a positive number of days' },
      { path: 'reminderDaysBeforeDue[2]', message: 'must be a positive number of days' },
      { path: 'reminderDaysBeforeDue[3]', message: 'must be a positive number of days' },
      { path: 'reminderDaysBeforeDue[4]', message: 'must be a positive number of days' },
    ]);
  });

  it('accepts no reminders at all', () => {
    const { plan, problems } = planCycle(input({ reminderDaysBeforeDue: [] }));
    expect(problems).toEqual([]);
    expect(plan!.reminderDaysBeforeDue).toEqual([]);
  });

  it('reports more than one final milestone', () => {
    const { problems } = planCycle(
      input({
        milestones: [
          { key: 'a', title: 'A', kind: 'final', requestMonth: 6, dueMonth: 7 },
          { key: 'b', title: 'B', kind: 'final', requestMonth: 12, dueMonth: 13 },
        ],
      }),
    );
    expect(problems).toEqual([{ path: 'milestones', message: 'at most one final milestone' }]);
  });

  it('accepts a plan without a final milestone', () => {
    const { problems } = planCycle(input({ milestones: one({ requestMonth: 6, dueMonth: 7 }) }));
    expect(problems).toEqual([]);
  });

  it('collects problems from every part of the input at once', () => {
    const { plan, problems } = planCycle(
      input({
        milestones: [
          { key: 'Bad', title: 'A', kind: 'final', requestMonth: 6, dueMonth: 5 },
          { key: 'ok', title: 'B', kind: 'final', requestMonth: 12 },
        ],
        reminderDaysBeforeDue: [0],
        escalation: { levels: [{ level: 2, daysAfterDue: 0, target: 'chair' }] },
      }),
    );
    expect(plan).toBeUndefined();
    expect(problems.map((p) => p.path)).toEqual([
      'milestones[0].key',
      'milestones[0].dueAt',
      'milestones[1].dueAt',
      'milestones',
      'reminderDaysBeforeDue[0]',
      'escalation.levels[0].level',
    ]);
  });
});

describe('planCycle with a start typed as a day: the plan on the programme’s calendar', () => {
  it('requests and compilations at 00:00 of their day, due dates at its end, in the programme’s time zone', () => {
    const { plan, problems } = planCycle(input({ start: { year: 2027, month: 1, day: 1 }, timeZone: 'Europe/Brussels' }));
    expect(problems).toEqual([]);
    expect(plan!.start.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(plan!.end.toISOString()).toBe('2028-12-31T23:00:00.000Z');
    const [mid, final] = plan!.milestones;
    // Month 12 in summer or winter: 00:00 on the Brussels clock all the same.
    expect(mid.requestAt.toISOString()).toBe('2027-12-31T23:00:00.000Z');
    // 42 days after 1 January 2028: 12 February, to its last second.
    expect(mid.dueAt.toISOString()).toBe('2028-02-12T22:59:59.000Z');
    expect(mid.compileAt.toISOString()).toBe('2028-02-29T23:00:00.000Z');
    expect(final.requestAt.toISOString()).toBe('2028-10-31T23:00:00.000Z');
    expect(final.dueAt.toISOString()).toBe('2028-12-01T22:59:59.000Z');
  });

  it('summer time and another zone: the wall clock decides, not UTC', () => {
    const { plan } = planCycle(
      input({
        start: { year: 2027, month: 3, day: 1 },
        timeZone: 'America/New_York',
        lengthMonths: 12,
        milestones: one({ requestMonth: 4, dueDaysAfterRequest: 14, compileMonth: 6 }),
      }),
    );
    const [m] = plan!.milestones;
    expect(m.requestAt.toISOString()).toBe('2027-07-01T04:00:00.000Z');
    expect(m.dueAt.toISOString()).toBe('2027-07-16T03:59:59.000Z');
    expect(m.compileAt.toISOString()).toBe('2027-09-01T04:00:00.000Z');
  });

  it('absolute days are resolved the same way; timestamps are kept; the programme may name the due hour', () => {
    const { plan } = planCycle(
      input({
        start: { year: 2027, month: 1, day: 1 },
        timeZone: 'Europe/Brussels',
        dueTime: { hour: 17, minute: 0, second: 0 },
        milestones: one({ requestAt: { year: 2027, month: 6, day: 1 }, dueAt: { year: 2027, month: 7, day: 15 }, compileAt: d('2027-08-01T10:00:00.000Z') }),
      }),
    );
    const [m] = plan!.milestones;
    expect(m.requestAt.toISOString()).toBe('2027-05-31T22:00:00.000Z');
    expect(m.dueAt.toISOString()).toBe('2027-07-15T15:00:00.000Z');
    expect(m.compileAt.toISOString()).toBe('2027-08-01T10:00:00.000Z');
  });

  it('a due date on the day of the compilation falls after it: refused, naming the field', () => {
    const { problems } = planCycle(input({ start: { year: 2027, month: 1, day: 1 }, milestones: one({ requestMonth: 3, dueMonth: 4, compileMonth: 4 }) }));
    expect(problems.map((p) => p.path)).toEqual(['milestones[0].compileAt']);
  });
});
