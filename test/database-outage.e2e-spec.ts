import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { EmbeddedDb } from './support/embedded-db';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import sqlite3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The database restarting, busy or stuck is a passing condition: requests get a 503 with
 * Retry-After (never a 500) or succeed after a bounded retry, readiness says which store is
 * not answering, and nothing a request did is lost or done twice. The test runs its own embedded
 * database so that it can lock, freeze, kill and restart it.
 */
describe('database outages (e2e)', () => {
  const db = new EmbeddedDb();
  // The socket timeout stays above FerretDB's 10 s busy timeout, as in production (30 s), so that
  // SQLITE_BUSY reaches the engine as an answer rather than as a timeout.
  const h = new EngineHarness({
    msPerDay: 2000,
    worker: false,
    mongoUri: () => db.uri,
    env: { MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1500', MONGODB_SOCKET_TIMEOUT_MS: '15000', HEALTH_TIMEOUT_MS: '1000' },
  });
  let task: { id: string; groupKey: string };
  let chair: Awaited<ReturnType<EngineHarness['chair']>>;

  beforeAll(async () => {
    await db.start();
    await h.start();
    // The fan-out runs on a worker: one in this process just for it.
    await h.startWorker();
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Outages', groups: ['education'], dueAfterDays: 200, compileAfterDays: 300 }))
      .expect(201);
    await h.waitFor('fan-out', async () => (await h.http.get(`/api/cycles/${res.body.id}`)).body.progress.milestones[0].status === 'requested', 60_000);
    await h.stopWorker();
    [task] = (await h.http.get(`/api/cycles/${res.body.id}/tasks`)).body;
    chair = await h.chair('education');
  }, 120_000);
  afterAll(async () => {
    await h.stop();
    await db.destroy();
  }, 60_000);

  const revisions = () => h.db.collection('submissions').countDocuments({ taskId: task.id });

  (hasPython() ? it : it.skip)('SQLITE_BUSY (the storage locked by another process) is retried: the submission succeeds, once', async () => {
    // An exclusive lock held for 12 s: FerretDB gives up after its 10 s busy timeout and answers
    // SQLITE_BUSY; the repository's retry then meets the lock released.
    const file = join(db.dir, 'data', `${h.dbName}.sqlite`);
    const locker: ChildProcess = spawn(
      'python3',
      [
        '-c',
        `import sqlite3,time,sys
con=sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
con.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(12); con.execute('COMMIT')`,
        file,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const released = new Promise((r) => locker.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      locker.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      locker.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
    });
    const before = await revisions();
    const res = await chair.post(`/api/tasks/${task.id}/submissions`).send(reportFor('education'));
    expect(res.status).toBe(201);
    expect(await revisions()).toBe(before + 1);
    await released;
  });

  it('a frozen database: readiness says so within its timeout, requests get 503 with Retry-After, then it recovers', async () => {
    db.freeze();
    try {
      const health = await h.agent().get('/health');
      expect(health.status).toBe(503);
      // Accepted connections that answer nothing: a timeout (or down, once the driver has given the connection up).
      expect({ mongo: health.body.mongo?.status }).toEqual({ mongo: expect.stringMatching(/^(timeout|down)$/) });
      expect(health.body.redis.status).toBe('up');
      const res = await chair.post(`/api/tasks/${task.id}/submissions`).send(reportFor('education', 1));
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.message.join(' ')).toMatch(/retry/);
    } finally {
      db.thaw();
    }
    await h.waitFor('readiness again', async () => (await h.agent().get('/health')).status === 200, 30_000);
    const before = await revisions();
    expect((await chair.post(`/api/tasks/${task.id}/submissions`).send(reportFor('education', 2))).status).toBe(201);
    expect(await revisions()).toBe(before + 1);
  });

  it('a killed database: 503 with Retry-After while it is down, nothing half done, and it carries on after a restart', async () => {
    const before = await revisions();
    await db.stop('SIGKILL');
    const health = await h.agent().get('/health');
    expect(health.status).toBe(503);
    expect(['down', 'timeout']).toContain(health.body.mongo.status);
    // Public: the state, never the driver's words (an address, a database name).
    expect(health.body.mongo.error).toBeUndefined();
    expect(JSON.stringify(health.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|pact_/);
    const res = await chair.post(`/api/tasks/${task.id}/submissions`).send(reportFor('education', 3));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');

    await db.start();
    await h.waitFor('readiness after the restart', async () => (await h.agent().get('/health')).status === 200, 30_000);
    expect(await revisions()).toBe(before);
    const again = await chair.post(`/api/tasks/${task.id}/submissions`).send(reportFor('education', 3));
    expect(again.status).toBe(201);
    expect(again.body.submission.revision).toBe(before + 1);
    const stored = await h.db.collection('tasks').findOne({ groupKey: 'education' });
    expect(stored).toMatchObject({ status: 'submitted', latestRevision: before + 1, outbox: [] });
  });
});
