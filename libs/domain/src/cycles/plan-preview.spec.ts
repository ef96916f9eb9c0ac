import { CyclePlanInput, DEFAULT_ESCALATION, defaultMilestones, MilestoneInput, planCycle } from './cycle-plan';
import { planProblemCode, previewCyclePlan, previewSteps } from './plan-preview';

const d = (iso: string) => new Date(iso);
const iso = (x: Date) => x.toISOString();

function input(overrides: Partial<CyclePlanInput> = {}): CyclePlanInput {
  return {
    start: d('2031-01-01T00:00:00Z'),
    lengthMonths: 24,
    milestones: defaultMilestones(),
    reminderDaysBeforeDue: [14, 3],
    escalation: DEFAULT_ESCALATION,
    ...overrides,
  };
}

const one = (m: Partial<MilestoneInput>): MilestoneInput[] => [{ key: 'm', title: 'M', kind: 'progress', ...m }];

describe('previewCyclePlan', () => {
  it('shows every request, reminder, due date, escalation and compilation of the default plan', () => {
    const { preview, problems } = previewCyclePlan(input());
    expect(problems).toEqual([]);
    const [mid, final] = preview!.milestones;
    // Mid-term: requested at month 12, due 42 days later, compiled at month 14.
    expect(mid).toMatchObject({ key: 'mid-term', title: 'Mid-term progress report', kind: 'progress' });
    expect(iso(mid.requestAt)).toBe('2032-01-01T00:00:00.000Z');
    expect(mid.reminders.map((r) => [r.daysBeforeDue, iso(r.at), r.sent])).toEqual([
      [14, '2032-01-29T00:00:00.000Z', true],
      [3, '2032-02-09T00:00:00.000Z', true],
    ]);
    expect(iso(mid.dueAt)).toBe('2032-02-12T00:00:00.000Z');
    expect(mid.escalations.map((e) => [e.level, e.target, e.daysAfterDue, iso(e.at)])).toEqual([
      [1, 'chair', 0, '2032-02-12T00:00:00.000Z'],
      [2, 'committee', 7, '2032-02-19T00:00:00.000Z'],
    ]);
    expect(iso(mid.compileAt)).toBe('2032-03-01T00:00:00.000Z');
    // Final: month 22, due month 23, compiled month 24 (the cycle's end).
    expect([iso(final.requestAt), iso(final.dueAt), iso(final.compileAt)]).toEqual([
      '2032-11-01T00:00:00.000Z',
      '2032-12-01T00:00:00.000Z',
      '2033-01-01T00:00:00.000Z',
    ]);
    expect(final.escalations.map((e) => iso(e.at))).toEqual(['2032-12-01T00:00:00.000Z', '2032-12-08T00:00:00.000Z']);
    expect(iso(preview!.plan.end)).toBe('2033-01-01T00:00:00.000Z');
  });

  it('gives the dates the deadline timers are built from (the same EscalationPolicy)', () => {
    const { preview } = previewCyclePlan(input({ reminderDaysBeforeDue: [3, 14, 7] }));
    // planCycle orders reminders longest first; the preview keeps that order.
    expect(preview!.milestones[0].reminders.map((r) => r.daysBeforeDue)).toEqual([14, 7, 3]);
  });

  it('shows a reminder that would fall before the request as left out, as the engine skips it', () => {
    const { preview } = previewCyclePlan(
      input({ milestones: one({ requestMonth: 1, dueDaysAfterRequest: 10, compileMonth: 3 }), reminderDaysBeforeDue: [14, 3] }),
    );
    const m = preview!.milestones[0];
    expect(m.reminders.map((r) => [r.daysBeforeDue, r.sent])).toEqual([
      [14, false],
      [3, true],
    ]);
    expect(previewSteps(m).map((s) => s.kind)).toEqual(['request', 'reminder', 'due', 'escalation', 'escalation', 'compile']);
  });

  it('orders the steps of a milestone by date, the due date before its escalation on the same day', () => {
    const { preview } = previewCyclePlan(
      input({
        milestones: one({ requestMonth: 1, dueDaysAfterRequest: 20, compileMonth: 2 }),
        escalation: {
          levels: [
            { level: 1, daysAfterDue: 0, target: 'chair' },
            { level: 2, daysAfterDue: 40, target: 'committee' },
          ],
        },
      }),
    );
    const steps = previewSteps(preview!.milestones[0]);
    // Compiled (month 2) before the level-2 escalation (40 days after due): the steps say so.
    expect(steps.map((s) => (s.kind === 'escalation' ? `escalation-${s.level}` : s.kind))).toEqual([
      'request',
      'reminder',
      'reminder',
      'due',
      'escalation-1',
      'compile',
      'escalation-2',
    ]);
    const times = steps.map((s) => s.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('with no escalation levels, shows none', () => {
    expect(previewCyclePlan(input({ escalation: { levels: [] } })).preview!.milestones[0].escalations).toEqual([]);
  });

  it('returns the problems of planCycle, each with its code, and no preview', () => {
    const result = previewCyclePlan(input({ milestones: one({ requestMonth: 12, dueMonth: 11, compileMonth: 14 }) }));
    expect(result.preview).toBeUndefined();
    expect(result.problems).toEqual([
      { path: 'milestones[0].dueAt', message: 'must be after the request date (2032-01-01T00:00:00.000Z)', code: 'due-not-after-request' },
    ]);
  });
});

describe('planProblemCode', () => {
  // Every problem planCycle can raise, produced by planCycle itself: a reworded message fails here.
  const cases: [string, Partial<CyclePlanInput>, string, string][] = [
    ['no milestone', { milestones: [] }, 'milestones', 'milestones-none'],
    [
      'two finals',
      {
        milestones: [
          { key: 'a', title: 'A', kind: 'final', requestMonth: 1, dueMonth: 2 },
          { key: 'b', title: 'B', kind: 'final', requestMonth: 3, dueMonth: 4 },
        ],
      },
      'milestones',
      'final-twice',
    ],
    ['key format', { milestones: one({ key: 'Bad Key', requestMonth: 1, dueMonth: 2 }) }, 'milestones[0].key', 'key-format'],
    [
      'duplicate key',
      {
        milestones: [
          { key: 'a', title: 'A', kind: 'progress', requestMonth: 1, dueMonth: 2 },
          { key: 'a', title: 'B', kind: 'progress', requestMonth: 3, dueMonth: 4 },
        ],
      },
      'milestones[1].key',
      'key-duplicate',
    ],
    [
      'both request forms',
      { milestones: one({ requestAt: d('2031-02-01T00:00:00Z'), requestMonth: 1, dueMonth: 2 }) },
      'milestones[0].requestAt',
      'both-given',
    ],
    ['no request', { milestones: one({ dueMonth: 2 }) }, 'milestones[0].requestAt', 'request-required'],
    ['two due forms', { milestones: one({ requestMonth: 1, dueMonth: 2, dueDaysAfterRequest: 3 }) }, 'milestones[0].dueAt', 'due-ambiguous'],
    ['no due', { milestones: one({ requestMonth: 1 }) }, 'milestones[0].dueAt', 'due-required'],
    ['request before start', { milestones: one({ requestAt: d('2030-12-01T00:00:00Z'), dueMonth: 2 }) }, 'milestones[0].requestAt', 'request-before-start'],
    ['request after end', { milestones: one({ requestMonth: 30, dueMonth: 31 }) }, 'milestones[0].requestAt', 'request-after-end'],
    ['due before request', { milestones: one({ requestMonth: 3, dueMonth: 2 }) }, 'milestones[0].dueAt', 'due-not-after-request'],
    ['due after end', { milestones: one({ requestMonth: 20, dueMonth: 25, compileMonth: 24 }) }, 'milestones[0].dueAt', 'due-after-end'],
    ['compile before due', { milestones: one({ requestMonth: 3, dueMonth: 5, compileMonth: 4 }) }, 'milestones[0].compileAt', 'compile-before-due'],
    ['compile in the past', { now: d('2040-01-01T00:00:00Z') }, 'milestones[0].compileAt', 'compile-in-past'],
    ['compile after end', { milestones: one({ requestMonth: 3, dueMonth: 5, compileMonth: 30 }) }, 'milestones[0].compileAt', 'compile-after-end'],
    ['reminder not positive', { reminderDaysBeforeDue: [0] }, 'reminderDaysBeforeDue[0]', 'reminder-not-positive'],
    ['level numbering', { escalation: { levels: [{ level: 2, daysAfterDue: 0, target: 'chair' }] } }, 'escalation.levels[0].level', 'level-numbering'],
    ['level negative', { escalation: { levels: [{ level: 1, daysAfterDue: -1, target: 'chair' }] } }, 'escalation.levels[0].daysAfterDue', 'level-negative'],
    [
      'level order',
      {
        escalation: {
          levels: [
            { level: 1, daysAfterDue: 5, target: 'chair' },
            { level: 2, daysAfterDue: 1, target: 'committee' },
          ],
        },
      },
      'escalation.levels[1].daysAfterDue',
      'level-order',
    ],
  ];

  it.each(cases)('%s', (_what, overrides, path, code) => {
    const problems = planCycle(input(overrides)).problems;
    const found = problems.find((p) => p.path === path && planProblemCode(p) === code);
    expect({ problems: problems.map((p) => ({ ...p, code: planProblemCode(p) })), found: !!found }).toMatchObject({ found: true });
    expect(problems.map(planProblemCode)).not.toContain('other');
  });

  it('an unknown message is "other"', () => {
    expect(planProblemCode({ path: 'x', message: 'something new' })).toBe('other');
  });
});
