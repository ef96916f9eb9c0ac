import { CycleRecord, CycleRepository, TaskRecord, TaskRepository, WorkingGroupRecord, WorkingGroupRepository } from '@pact/persistence';
import { NotFoundError } from '../errors';
import { NotificationService } from '../notifications/notification.service';
import { newTestService } from '../testing/service-doubles';
import { CycleProgressQuery } from './cycle-progress.query';

const CYCLE = '65f1a2b3c4d5e6f708192a3c';
const NOW = new Date('2031-03-10T00:00:00Z');
const MID_DUE = new Date('2031-03-01T00:00:00Z');
const FINAL_DUE = new Date('2031-09-01T00:00:00Z');

function cycle(over: Partial<CycleRecord> = {}): CycleRecord {
  return {
    id: CYCLE,
    name: 'Cycle 2031',
    programme: 'pact',
    status: 'running',
    start: new Date('2031-01-01T00:00:00Z'),
    end: new Date('2032-01-01T00:00:00Z'),
    lengthMonths: 12,
    milestones: [
      {
        key: 'mid-term',
        title: 'Mid-term',
        kind: 'progress',
        requestAt: new Date('2031-02-01T00:00:00Z'),
        dueAt: MID_DUE,
        compileAt: new Date('2031-04-01T00:00:00Z'),
      },
      {
        key: 'final',
        title: 'Final',
        kind: 'final',
        requestAt: new Date('2031-08-01T00:00:00Z'),
        dueAt: FINAL_DUE,
        compileAt: new Date('2031-10-01T00:00:00Z'),
      },
    ],
    reminderDaysBeforeDue: [14, 3],
    escalation: { levels: [{ level: 1, daysAfterDue: 0, target: 'chair' }] },
    groupKeys: ['education', 'sport', 'housing'],
    template: {} as CycleRecord['template'],
    milestoneState: { 'mid-term': { status: 'requested' }, final: { status: 'scheduled' } },
    createdAt: new Date('2031-01-01T00:00:00Z'),
    ...over,
  };
}

let n = 0;
function task(groupKey: string, over: Partial<TaskRecord> = {}): TaskRecord {
  n++;
  return {
    id: `t${n}`,
    cycleId: CYCLE,
    programme: 'pact',
    milestoneKey: 'mid-term',
    groupKey,
    status: 'open',
    requestedAt: new Date('2031-02-01T00:00:00Z'),
    dueAt: MID_DUE,
    originalDueAt: MID_DUE,
    dueVersion: 0,
    escalationLevel: 0,
    firedTimers: [],
    extensions: [],
    late: false,
    latestRevision: 0,
    ...over,
  };
}

const group = (key: string, fieldOfAction: string): WorkingGroupRecord => ({
  key,
  programme: 'pact',
  fieldOfAction,
  goal: '',
  chair: { name: `Chair of ${key}`, email: `${key}@example.org`, language: 'de' },
});

async function* streamOf(tasks: TaskRecord[]) {
  for (const t of tasks) yield t;
}

function setUp(tasks: TaskRecord[], c = cycle()) {
  const t = newTestService(CycleProgressQuery, { now: NOW });
  t.double(CycleRepository).findById.mockImplementation(async (id: string) => (id === CYCLE ? c : null));
  t.double(TaskRepository).stream.mockImplementation(() => streamOf(tasks));
  t.double(WorkingGroupRepository).findByKeys.mockImplementation(async (keys: string[]) =>
    [group('education', 'Education'), group('sport', 'Sport'), group('housing', 'Housing')].filter((g) => keys.includes(g.key)),
  );
  return t;
}

describe('CycleProgressQuery.matrix', () => {
  const tasks = () => [
    task('education', { status: 'submitted', latestRevision: 2, submittedAt: new Date('2031-02-20T00:00:00Z') }),
    task('sport', { status: 'overdue', escalationLevel: 1 }),
    task('housing', {
      status: 'submitted',
      late: true,
      latestRevision: 1,
      extensions: [{ from: MID_DUE, to: new Date('2031-03-05T00:00:00Z'), reason: 'x', at: MID_DUE, actor: 'c' }],
    }),
    // Another milestone's request, and one of a milestone the cycle no longer names: ignored.
    task('education', { milestoneKey: 'final', dueAt: FINAL_DUE }),
    task('education', { milestoneKey: 'gone' }),
  ];

  it('builds groups × milestones in one pass over the cycle’s tasks, each cell in words', async () => {
    const t = setUp(tasks());
    const m = await t.service.matrix(CYCLE);
    expect(t.double(TaskRepository).stream).toHaveBeenCalledTimes(1);
    expect(t.double(TaskRepository).stream).toHaveBeenCalledWith({ cycleId: CYCLE });
    // The final milestone is still scheduled in the cycle, but one of its requests exists (a fan-out
    // finishing): shown requested, as the requests shown say.
    expect(m.milestones.map((x) => [x.key, x.status])).toEqual([
      ['mid-term', 'requested'],
      ['final', 'requested'],
    ]);
    // Rows sorted by field of action; a cell per milestone, null where nothing was requested.
    expect(m.rows.map((r) => [r.fieldOfAction, ...r.cells.map((c) => c && `${c.state}/L${c.escalationLevel}/x${c.extensions}/r${c.revision}`)])).toEqual([
      ['Education', 'submitted/L0/x0/r2', 'open/L0/x0/r0'],
      ['Housing', 'late/L0/x1/r1', null],
      ['Sport', 'overdue/L1/x0/r0', null],
    ]);
  });

  it('counts each milestone and its on-time rate, and the total', async () => {
    const m = await setUp(tasks()).service.matrix(CYCLE);
    expect(m.milestones[0].progress).toEqual({
      requested: 3,
      open: 0,
      overdue: 1,
      escalated: 1,
      submitted: 2,
      onTime: 1,
      late: 1,
      extended: 1,
      extensionRequested: 0,
      cancelled: 0,
      dueSoFar: 3,
      onTimeRate: 1 / 3,
    });
    // The final request is not due yet: no rate.
    expect(m.milestones[1].progress).toMatchObject({ requested: 1, open: 1, dueSoFar: 0, onTimeRate: null });
    expect(m.total).toMatchObject({ requested: 4, submitted: 2, dueSoFar: 3 });
  });

  it('limits the rows to the groups a chair may see, the counts staying the cycle’s', async () => {
    const m = await setUp(tasks()).service.matrix(CYCLE, { visibleGroups: ['sport', 'not-in-cycle'] });
    expect(m.rows.map((r) => r.groupKey)).toEqual(['sport']);
    expect(m.milestones[0].progress.requested).toBe(3);
  });

  it('shows a group of the cycle without any request yet as a row of empty cells', async () => {
    const m = await setUp([]).service.matrix(CYCLE);
    expect(m.rows.map((r) => r.cells)).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(m.total.onTimeRate).toBeNull();
  });

  it('an unknown cycle is the engine’s NotFoundError', async () => {
    await expect(setUp([]).service.matrix('65f1a2b3c4d5e6f708192aff')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('CycleProgressQuery.overdue', () => {
  it('lists the overdue requests with their chair, days overdue, latest possible date and the webhooks an extension reaches', async () => {
    const t = setUp([]);
    t.double(TaskRepository).listOverdue.mockResolvedValue([task('sport', { status: 'overdue', escalationLevel: 2 })]);
    t.double(NotificationService).webhooksReached.mockResolvedValue(new Map([['sport', 2]]));
    const { items } = await t.service.overdue(CYCLE);
    expect(t.double(NotificationService).webhooksReached).toHaveBeenCalledWith('extended', 'chair', ['sport']);
    expect(items).toEqual([
      expect.objectContaining({
        groupKey: 'sport',
        fieldOfAction: 'Sport',
        chair: expect.objectContaining({ name: 'Chair of sport', email: 'sport@example.org' }),
        milestoneTitle: 'Mid-term',
        daysOverdue: 9,
        escalationLevel: 2,
        latestDueAt: new Date('2031-04-01T00:00:00Z'),
        webhooksOnExtension: 2,
      }),
    ]);
  });

  it('with nothing overdue, asks nothing more', async () => {
    const t = setUp([]);
    t.double(TaskRepository).listOverdue.mockResolvedValue([]);
    expect((await t.service.overdue(CYCLE)).items).toEqual([]);
    expect(t.double(NotificationService).webhooksReached).not.toHaveBeenCalled();
  });
});

describe('CycleProgressQuery.extensionOutcome', () => {
  it('gives the request’s new date, its latest extension and who is told', async () => {
    const t = setUp([]);
    const newDue = new Date('2031-04-01T00:00:00Z');
    const ext = { from: MID_DUE, to: newDue, reason: 'ill', at: NOW, actor: 'committee:x' };
    t.double(TaskRepository).findById.mockResolvedValue(task('sport', { id: 'x1', status: 'open', dueAt: newDue, extensions: [ext] }));
    t.double(NotificationService).webhooksReached.mockResolvedValue(new Map([['sport', 1]]));
    expect(await t.service.extensionOutcome(CYCLE, 'x1')).toEqual({
      taskId: 'x1',
      cycleId: CYCLE,
      groupKey: 'sport',
      fieldOfAction: 'Sport',
      milestoneTitle: 'Mid-term',
      dueAt: newDue,
      extension: ext,
      request: null,
      chair: expect.objectContaining({ name: 'Chair of sport' }),
      webhooks: 1,
      // The new date is the milestone's compilation itself: said what then happens.
      warnings: [{ code: 'compiled-without-report', compileAt: newDue, message: expect.stringMatching(/compiled without it/) }],
    });
    expect(t.double(NotificationService).webhooksReached).toHaveBeenCalledWith('extended', 'chair', ['sport']);
  });

  it('after a refusal, names the request and counts the webhooks of the refusal', async () => {
    const t = setUp([]);
    const request = {
      id: 'r'.repeat(24),
      proposedDueAt: new Date('2031-05-01T00:00:00Z'),
      reason: 'more time',
      requestedBy: 'chair:s',
      requestedAt: NOW,
      status: 'refused' as const,
      decidedBy: 'committee:c',
      decidedAt: NOW,
      decisionReason: 'no',
    };
    t.double(TaskRepository).findById.mockResolvedValue(task('sport', { id: 'x2', extensionRequests: [request] }));
    t.double(NotificationService).webhooksReached.mockResolvedValue(new Map([['sport', 3]]));
    expect(await t.service.extensionOutcome(CYCLE, 'x2', request.id)).toMatchObject({ request, extension: null, webhooks: 3 });
    expect(t.double(NotificationService).webhooksReached).toHaveBeenCalledWith('extension-refused', 'chair', ['sport']);
  });
});

describe('CycleProgressQuery.decisionAudience', () => {
  it('names each group’s chair and the webhook subscriptions a grant and a refusal reach', async () => {
    const t = setUp([]);
    t.double(NotificationService).webhooksReached.mockImplementation(async (kind: string) => new Map([['sport', kind === 'extended' ? 2 : 1]]));
    const audience = await t.service.decisionAudience(['sport', 'sport', 'nowhere']);
    expect(audience.get('sport')).toEqual({ chair: expect.objectContaining({ email: 'sport@example.org' }), webhooksOnGrant: 2, webhooksOnRefusal: 1 });
    expect(audience.get('nowhere')).toEqual({ chair: null, webhooksOnGrant: 0, webhooksOnRefusal: 0 });
    expect(await t.service.decisionAudience([])).toEqual(new Map());
  });

  it('is null for a request of another cycle, or none', async () => {
    const t = setUp([]);
    t.double(TaskRepository)
      .findById.mockResolvedValueOnce(task('sport', { cycleId: 'another' }))
      .mockResolvedValueOnce(null);
    expect(await t.service.extensionOutcome(CYCLE, 'x')).toBeNull();
    expect(await t.service.extensionOutcome(CYCLE, 'y')).toBeNull();
  });
});

describe('CycleProgressQuery.glance', () => {
  it('counts every listed cycle with one aggregation, and names the next date ahead', async () => {
    const t = setUp([]);
    const other = cycle({ id: 'other', status: 'completed' });
    t.double(TaskRepository).countByCycleAndStatus.mockResolvedValue([
      { cycleId: CYCLE, status: 'submitted', count: 2 },
      { cycleId: CYCLE, status: 'overdue', count: 1 },
      { cycleId: 'other', status: 'submitted', count: 3 },
    ]);
    const g = await t.service.glance([cycle(), other]);
    expect(t.double(TaskRepository).countByCycleAndStatus).toHaveBeenCalledTimes(1);
    expect(t.double(TaskRepository).countByCycleAndStatus).toHaveBeenCalledWith([CYCLE, 'other']);
    expect(g.get(CYCLE)).toMatchObject({ requested: 3, submittedShare: 2 / 3, tasksByStatus: { submitted: 2, overdue: 1, open: 0 } });
    // Now is 10 March: the mid-term compilation on 1 April is next.
    expect(g.get(CYCLE)!.next).toEqual({ kind: 'compile', at: new Date('2031-04-01T00:00:00Z'), milestoneTitle: 'Mid-term' });
    // A completed cycle has nothing ahead.
    expect(g.get('other')).toMatchObject({ requested: 3, submittedShare: 1, next: undefined });
  });
});
