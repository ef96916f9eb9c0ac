import { ProgressSource, progressCell, ProgressTally } from './progress';

const NOW = new Date('2031-06-01T00:00:00Z');
const PAST = new Date('2031-05-01T00:00:00Z');
const FUTURE = new Date('2031-07-01T00:00:00Z');

function task(over: Partial<ProgressSource> = {}): ProgressSource {
  return { id: 't', status: 'open', dueAt: FUTURE, escalationLevel: 0, late: false, extensions: [], latestRevision: 0, ...over };
}

describe('progressCell', () => {
  it('names each state in words: open, overdue, submitted, late, cancelled', () => {
    expect(progressCell(task()).state).toBe('open');
    expect(progressCell(task({ status: 'overdue', dueAt: PAST })).state).toBe('overdue');
    expect(progressCell(task({ status: 'submitted', latestRevision: 1 })).state).toBe('submitted');
    expect(progressCell(task({ status: 'submitted', late: true, latestRevision: 2 })).state).toBe('late');
    expect(progressCell(task({ status: 'cancelled' })).state).toBe('cancelled');
  });

  it('keeps the escalation level, the number of extensions and the revision', () => {
    const at = new Date('2031-05-20T00:00:00Z');
    expect(progressCell(task({ id: 'x', status: 'overdue', escalationLevel: 2, extensions: [{}, {}], dueAt: PAST }))).toEqual({
      taskId: 'x',
      state: 'overdue',
      dueAt: PAST,
      escalationLevel: 2,
      extensions: 2,
      submittedAt: undefined,
      revision: 0,
      extensionRequested: false,
    });
    expect(progressCell(task({ status: 'submitted', submittedAt: at, latestRevision: 3 }))).toMatchObject({ submittedAt: at, revision: 3 });
  });
});

describe('ProgressTally', () => {
  const tally = (...tasks: ProgressSource[]) => {
    const t = new ProgressTally(NOW);
    tasks.forEach((x) => t.add(progressCell(x)));
    return t.result();
  };

  it('counts every state and judges on time only what is due or in', () => {
    const r = tally(
      task({ status: 'submitted' }), // on time, before its (future) due date: counts
      task({ status: 'submitted', late: true, dueAt: PAST }),
      task({ status: 'overdue', dueAt: PAST, escalationLevel: 1 }),
      task({ status: 'open', extensions: [{}] }), // extended, not due yet: not judged
      task({ status: 'open' }),
      task({ status: 'cancelled' }),
    );
    expect(r).toEqual({
      requested: 6,
      open: 2,
      overdue: 1,
      escalated: 1,
      submitted: 2,
      onTime: 1,
      late: 1,
      extended: 1,
      extensionRequested: 0,
      cancelled: 1,
      dueSoFar: 3,
      onTimeRate: 1 / 3,
    });
  });

  it('an open request whose due date has passed (its overdue timer not yet run) is due so far', () => {
    expect(tally(task({ status: 'open', dueAt: PAST }), task({ status: 'submitted', dueAt: PAST }))).toMatchObject({ dueSoFar: 2, onTimeRate: 0.5 });
  });

  it('has no rate while nothing is due or in', () => {
    expect(tally(task(), task()).onTimeRate).toBeNull();
    expect(tally().onTimeRate).toBeNull();
  });

  it('counts a request whose chair asked for more time while it waits, not once it is in', () => {
    const r = tally(task({ status: 'overdue', dueAt: PAST, pendingExtensionRequestId: 'r1' }), task({ status: 'submitted', pendingExtensionRequestId: 'r2' }));
    expect(r.extensionRequested).toBe(1);
    expect(progressCell(task({ pendingExtensionRequestId: 'r1' })).extensionRequested).toBe(true);
  });

  it('counts an extension on a submitted request too', () => {
    expect(tally(task({ status: 'submitted', late: true, extensions: [{}] }))).toMatchObject({ extended: 1, late: 1, onTimeRate: 0 });
  });
});
