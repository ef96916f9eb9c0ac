import type { ChildProcess } from 'node:child_process';
import { connect, Socket } from 'node:net';
import { ALL_QUEUES } from '@pact/queues';
import { EngineHarness, PACT_GROUP_KEYS, shortCycle } from './support/engine-harness';

/** Resolves with the exit of `child` and how long after `since` it came. */
function exitOf(child: ChildProcess, since: () => number): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, afterMs: Date.now() - since() })));
}

/** Waits until `socket` has received text matching `pattern`; resolves with everything received. */
function received(socket: Socket, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`nothing matching ${pattern} within ${timeoutMs} ms; got:\n${text}`)), timeoutMs);
    const onData = (d: Buffer) => {
      text += d.toString();
      if (!pattern.test(text)) return;
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(text);
    };
    socket.on('data', onData);
  });
}

/**
 * SIGTERM drains a process before it exits (issue 21, point 4): a worker stops taking jobs and
 * finishes the ones it holds, so nothing is left active or stalled in Redis and nothing is lost
 * or done twice; the API stops accepting connections and answers the requests in flight. Real
 * processes (the built apps), real signals.
 */
describe('graceful drain (e2e)', () => {
  // 50 real ms per day: the storm's timers fall due seconds after the cycles are created.
  const h = new EngineHarness({ msPerDay: 50, worker: false, reconcileEveryMs: 500 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  it('a worker told to stop in a deadline storm exits within SHUTDOWN_TIMEOUT_MS, leaves no job active or stalled, and the next worker loses no effect', async () => {
    const bound = 20_000;
    const first = await h.spawnWorkerWithOutput({ SHUTDOWN_TIMEOUT_MS: String(bound) });

    // The storm: two cycles of the Pact's twelve groups, every task due at the same moment, so
    // their overdue marks and level-1 escalations (and level 2 seven days later) fire together.
    const plan = shortCycle(h, { requestInDays: 40, dueAfterDays: 40, compileAfterDays: 2000, lengthMonths: 120 });
    const cycleIds: string[] = [];
    for (const n of [1, 2])
      cycleIds.push(
        (
          await h.http
            .post('/api/cycles')
            .send({ ...plan, name: `Storm ${n}` })
            .expect(201)
        ).body.id,
      );
    const tasks = await h.waitFor('every task requested', async () => {
      const all = await h.db
        .collection('tasks')
        .find({ cycleId: { $in: cycleIds } })
        .toArray();
      return all.length === cycleIds.length * PACT_GROUP_KEYS.length && all;
    });
    const events = (type: string) =>
      h.db
        .collection('events')
        .find({ cycleId: { $in: cycleIds }, type })
        .toArray();
    const effects = async () => (await events('task.overdue')).length + (await events('task.escalated')).length;

    // SIGTERM as soon as the storm has begun.
    await h.waitFor('the first overdue mark', async () => (await events('task.overdue')).length > 0, 60_000);
    let signalledAt = 0;
    const exited = exitOf(first.child, () => signalledAt);
    signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const effectsAtSignal = await effects();
    const exit = await exited;

    // Its own exit (0, after draining), not the bound's (1) nor a signal's.
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(bound);
    expect(first.output()).toMatch(/SIGTERM: draining/);
    expect(first.output()).toMatch(/drained: exiting/);
    // The storm was under way, not over: some effects were still to come.
    expect(effectsAtSignal).toBeLessThan(tasks.length * 3);
    // Nothing held: no job active, no lock left to expire.
    for (const queue of ALL_QUEUES) expect({ queue, active: await h.redis.llen(`${h.prefix}:${queue}:active`) }).toEqual({ queue, active: 0 });
    expect(await h.redis.keys(`${h.prefix}:*:lock`)).toEqual([]);

    // A new worker carries on: every task reaches overdue and both escalation levels, exactly once each.
    const second = await h.spawnWorkerWithOutput();
    await h
      .waitFor('every overdue mark and escalation, by the second worker', async () => (await effects()) >= tasks.length * 3, 180_000)
      .catch(async (err) => {
        const byType = await h.db
          .collection('events')
          .aggregate([{ $match: { cycleId: { $in: cycleIds } } }, { $group: { _id: '$type', n: { $sum: 1 } } }])
          .toArray();
        const queues = await Promise.all(
          ALL_QUEUES.map(
            async (q) =>
              `${q}: wait ${await h.redis.llen(`${h.prefix}:${q}:wait`)}, active ${await h.redis.llen(`${h.prefix}:${q}:active`)}, delayed ${await h.redis.zcard(`${h.prefix}:${q}:delayed`)}, failed ${await h.redis.zcard(`${h.prefix}:${q}:failed`)}`,
          ),
        );
        throw new Error(
          `${(err as Error).message}\nevents: ${JSON.stringify(byType)}\nqueues: ${queues.join('; ')}\nfirst worker:\n${first.output().slice(-3000)}\nsecond worker:\n${second.output().slice(-5000)}`,
        );
      });
    const overdue = await events('task.overdue');
    const escalated = await events('task.escalated');
    const perTask = new Map<string, string[]>();
    for (const e of [...overdue, ...escalated])
      perTask.set(e.taskId, [...(perTask.get(e.taskId) ?? []), e.type === 'task.overdue' ? 'overdue' : `level ${e.data.level}`]);
    expect(perTask.size).toBe(tasks.length);
    for (const [taskId, marks] of perTask) expect({ taskId, marks: marks.sort() }).toEqual({ taskId, marks: ['level 1', 'level 2', 'overdue'] });
    const stored = await h.db
      .collection('tasks')
      .find({ cycleId: { $in: cycleIds } })
      .toArray();
    expect(stored.map((t) => [t.status, t.escalationLevel])).toEqual(stored.map(() => ['overdue', 2]));

    // No job of either worker was ever found stalled (held by a worker that went away).
    for (const queue of ALL_QUEUES) {
      const stream = await h.redis.xrange(`${h.prefix}:${queue}:events`, '-', '+');
      const stalled = stream.filter(([, fields]) => fields[0] === 'event' && fields[1] === 'stalled');
      expect({ queue, stalled: stalled.length }).toEqual({ queue, stalled: 0 });
    }
    // Drained too, so that it leaves the machine to the next test.
    const done = exitOf(second.child, () => 0);
    second.child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  }, 300_000);

  it('the API stops accepting connections on SIGTERM, answers the request in flight, and exits', async () => {
    const api = await h.spawnApi({ SHUTDOWN_TIMEOUT_MS: '15000' });
    const port = Number(new URL(api.url).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const body = JSON.stringify({ goal: 'Every child in a good school, drained or not.' });
    // Expect: 100-continue: the "100 Continue" says the API has read the headers, so the
    // request is in flight, its body still to come, when the signal arrives.
    socket.write(
      `PATCH /api/working-groups/education HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${h.committeeToken}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await received(socket, /^HTTP\/1\.1 100 Continue\r\n\r\n/);

    let signalledAt = 0;
    const exited = exitOf(api.child, () => signalledAt);
    signalledAt = Date.now();
    api.child.kill('SIGTERM');
    await h.waitFor('the API draining', async () => /SIGTERM: draining/.test(api.output()));
    // No new connection is accepted.
    await expect(fetch(`${api.url}/health/live`)).rejects.toThrow();

    const answer = received(socket, /\r\n\r\n\{.*\}$/s);
    socket.write(body);
    const text = await answer;
    expect(text).toMatch(/HTTP\/1\.1 200 OK/);
    expect(text).toMatch(/^connection: close$/im);
    expect(text).toContain('drained or not');
    socket.destroy();

    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(15_000);
    expect(api.output()).toMatch(/drained: exiting/);
    const group = await h.db.collection<{ _id: string; goal: unknown }>('working_groups').findOne({ _id: 'education' });
    expect(group?.goal).toBe('Every child in a good school, drained or not.');
  }, 60_000);
});
