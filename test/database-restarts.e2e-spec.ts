import { DatabaseProbe, SubmissionRepository } from '@pact/persistence';
import { MongoNetworkError, ObjectId } from 'mongodb';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { EmbeddedDb } from './support/embedded-db';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * The database killed (SIGKILL) and restarted on the same data, again and again, under a steady
 * stream of submissions and reads: every process heals itself (docs/architecture.md). An outside run once
 * left an API answering 503 for minutes after such a restart while new connections got answers;
 * these tests hold the engine to "retry the same request then" (docs/api.md, docs/guide/operators.md):
 * - every request sent RECOVERY_BOUND_MS after a restart succeeds, on an API in its own process
 *   and one in this process, and a worker in its own process does its jobs again;
 * - a process whose driver never finds the database again (its monitor dead, as seen then) is
 *   rebuilt by the DatabaseWatchdog, and /health tells that apart from a database that is down;
 * - a revision stored just before the database went away still reaches its task.
 *
 * RESTART_ROUNDS (default 2) sets how many kill-and-restart rounds the first test runs; the long
 * run is `RESTART_ROUNDS=20 npm test -- test/database-restarts`.
 */
const ROUNDS = Number(process.env.RESTART_ROUNDS ?? 2);
/** After a restart, how long the processes may take to use the database again. */
const RECOVERY_BOUND_MS = 12_000;
/** How long after the bound every request is watched before the next kill. */
const WATCH_MS = 4000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settings that make the outage and the recovery quick to observe. */
const OUTAGE_ENV = {
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: '2000',
  MONGODB_SOCKET_TIMEOUT_MS: '15000',
  HEALTH_TIMEOUT_MS: '1000',
  MONGODB_WATCHDOG_EVERY_MS: '500',
  MONGODB_CLIENT_REBUILD_AFTER_MS: '5000',
  // Nothing falls due during the test: days are long.
};

/**
 * An embedded database of the describe block's own (so it can be killed) and an engine on it: an
 * API and a worker in this process, started before the tests and stopped after them.
 */
function ownDatabase(env: Record<string, string>): { db: EmbeddedDb; h: EngineHarness } {
  const db = new EmbeddedDb();
  const h = new EngineHarness({ msPerDay: 60_000, worker: false, mongoUri: () => db.uri, env });
  beforeAll(async () => {
    await db.start();
    await h.start();
    await h.startWorker();
  }, 120_000);
  afterAll(async () => {
    await h.stop();
    await db.destroy();
  }, 60_000);
  return { db, h };
}

interface Sent {
  at: number;
  /** When the answer came. */
  end: number;
  api: string;
  what: string;
  status: number;
}

describe('database restarts (e2e)', () => {
  describe('under a steady stream of submissions and reads', () => {
    const db = new EmbeddedDb();
    const h = new EngineHarness({ msPerDay: 60_000, worker: false, mongoUri: () => db.uri, env: OUTAGE_ENV });
    let spawnedApi: { url: string };
    let tasks: { id: string; groupKey: string }[];
    let chairToken: string;

    beforeAll(async () => {
      await db.start();
      await h.start();
      spawnedApi = await h.spawnApi();
      await h.spawnWorker();
      const groups = ['education', 'labour-market', 'migrant-families', 'neighbourhoods-housing'];
      // A fifth group that never reports keeps the milestone from compiling (and recompiling at
      // every revision after that) while the stream runs.
      const res = await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Restarts',
            groups: [...groups, 'political-participation'],
            requestInDays: 0.01,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
          }),
        )
        .expect(201);
      tasks = await h.waitFor(
        'fan-out',
        async () => {
          const list = (await h.http.get(`/api/cycles/${res.body.id}/tasks`)).body;
          return Array.isArray(list) && list.length === groups.length + 1 ? list.filter((t: { groupKey: string }) => groups.includes(t.groupKey)) : null;
        },
        60_000,
      );
      // One person acting for the four groups.
      const user = await h.http
        .post('/api/users')
        .send({ name: 'Restart chair', email: 'restart.chair@test.example.org', roles: ['chair'], groupKeys: groups })
        .expect(201);
      chairToken = (await h.http.post(`/api/users/${user.body.id}/tokens`).send({ name: 'test' }).expect(201)).body.token;
    }, 180_000);
    afterAll(async () => {
      await h.stop();
      await db.destroy();
    }, 60_000);

    it(
      `every request ${RECOVERY_BOUND_MS / 1000} s after each of ${ROUNDS} restarts succeeds, on both APIs, and the worker works again`,
      async () => {
        const apis: Record<string, () => TestAgent> = {
          'in-process API': () => h.agent(chairToken),
          'API process': () => request.agent(spawnedApi.url).set('Authorization', `Bearer ${chairToken}`),
        };
        const sent: Sent[] = [];
        const acknowledged: { taskId: string; revision: number }[] = [];
        let stop = false;
        const stream = async (i: number) => {
          for (let n = 0; !stop; n++) {
            const api = Object.keys(apis)[(i + n) % 2];
            const task = tasks[(i + n) % tasks.length];
            const at = Date.now();
            const post = await apis[api]()
              .post(`/api/tasks/${task.id}/submissions`)
              .send(reportFor(task.groupKey, n))
              .timeout(30_000)
              .catch((e) => e.response ?? { status: 0, body: {} });
            sent.push({ at, end: Date.now(), api, what: 'submit', status: post.status });
            if (post.status === 201) acknowledged.push({ taskId: task.id, revision: post.body.submission.revision });
            const readAt = Date.now();
            const read = await apis[api]()
              .get(`/api/tasks/${task.id}`)
              .timeout(30_000)
              .catch((e) => e.response ?? { status: 0 });
            sent.push({ at: readAt, end: Date.now(), api, what: 'read', status: read.status });
            await sleep(50);
          }
        };
        const streams = [0, 1, 2, 3].map(stream);

        // From the bound after each restart to the next kill: a request sent then and answered before it must succeed.
        const windows: { from: number; to: number }[] = [];
        try {
          for (let round = 0; round < ROUNDS; round++) {
            await sleep(500 + Math.random() * 1500);
            if (windows.length) windows[windows.length - 1].to = Date.now();
            await db.stop('SIGKILL');
            await sleep(3000);
            await db.start();
            const restartedAt = Date.now();
            await sleep(RECOVERY_BOUND_MS);
            // The worker, too: a new cycle's fan-out (a job that reads and writes) completes.
            const cycle = await h.http.post('/api/cycles').send(
              shortCycle(h, {
                name: `After restart ${round + 1}`,
                groups: ['sport'],
                requestInDays: 0.001,
                dueAfterDays: 300,
                compileAfterDays: 400,
                lengthMonths: 24,
              }),
            );
            expect({ round, status: cycle.status }).toEqual({ round, status: 201 });
            await h.waitFor(
              `the worker's fan-out after restart ${round + 1}`,
              async () => (await h.http.get(`/api/cycles/${cycle.body.id}/tasks`)).body.length === 1,
              15_000,
            );
            await sleep(WATCH_MS);
            windows.push({ from: restartedAt + RECOVERY_BOUND_MS, to: Infinity });
          }
        } finally {
          stop = true;
          await Promise.all(streams);
        }

        // Never a 500 or a dropped connection, even during the outage: 503 (retry) at worst.
        expect(sent.filter((s) => s.status !== 503 && (s.status < 200 || s.status >= 300))).toEqual([]);
        for (const [i, w] of windows.entries()) {
          const inWindow = sent.filter((s) => s.at >= w.from && s.end < w.to);
          expect({ round: i + 1, api: Object.keys(apis).map((api) => inWindow.some((s) => s.api === api)) }).toEqual({ round: i + 1, api: [true, true] });
          expect({ round: i + 1, failed: inWindow.filter((s) => s.status !== 200 && s.status !== 201) }).toEqual({ round: i + 1, failed: [] });
        }

        // Nothing acknowledged is lost, and every stored revision reached its task (the sweep
        // finishes what the kills interrupted).
        await h.waitFor('every follow-up finished', async () => (await h.db.collection('tasks').countDocuments({ outbox: { $gt: '' } })) === 0, 30_000);
        for (const { taskId, revision } of acknowledged) {
          expect(await h.db.collection('submissions').countDocuments({ taskId, revision, abandoned: { $ne: true } })).toBe(1);
        }
        for (const task of tasks) {
          const [newest] = await h.db
            .collection('submissions')
            .find({ taskId: task.id, abandoned: { $ne: true } })
            .sort({ revision: -1 })
            .limit(1)
            .toArray();
          const stored = await h.db.collection('tasks').findOne({ _id: new ObjectId(task.id) });
          expect({ group: task.groupKey, latestRevision: stored?.latestRevision }).toEqual({ group: task.groupKey, latestRevision: newest.revision });
        }
        expect((await h.agent().get('/health')).status).toBe(200);
        expect((await request(spawnedApi.url).get('/health')).status).toBe(200);
      },
      120_000 + ROUNDS * 40_000,
    );
  });

  describe('a process cut off from a database that answers others', () => {
    const { db, h } = ownDatabase({ ...OUTAGE_ENV, MONGODB_CLIENT_REBUILD_AFTER_MS: '6000' });

    /**
     * The state the outside run found: after the kill the driver marked the server unknown with
     * the error of that moment (read ECONNRESET), and nothing ever checked the server again (no
     * monitor running, no connection held, that error returned to every request). Closing the
     * driver's monitor of the server and reporting that error the way a failed command does puts
     * a process there.
     */
    function cutOffClient(probe: DatabaseProbe): void {
      type Server = { monitor: { close(): void }; handleError(err: Error): void };
      const topology = (probe.client as unknown as { topology: { s: { servers: Map<string, Server> } } }).topology;
      for (const server of topology.s.servers.values()) {
        server.monitor.close();
        server.handleError(new MongoNetworkError('read ECONNRESET'));
      }
    }

    it('rebuilds its client after MONGODB_CLIENT_REBUILD_AFTER_MS; /health says "database-down", then "process-cut-off", then ok', async () => {
      await db.stop('SIGKILL');
      cutOffClient(h.api.get(DatabaseProbe));
      cutOffClient(h.worker!.get(DatabaseProbe));
      const down = await h.agent().get('/health');
      expect(down.status).toBe(503);
      expect(down.body.mongo).toMatchObject({ cause: 'database-down', clientRebuilds: 0 });

      await db.start();
      const restartedAt = Date.now();
      // The database answers new connections; this process's driver never looks again.
      const cutOff = await h.waitFor(
        'readiness to blame this process',
        async () => {
          const res = await h.agent().get('/health');
          return res.body.mongo?.cause === 'process-cut-off' ? res : null;
        },
        5000,
      );
      expect(cutOff.status).toBe(503);

      const healthy = await h.waitFor(
        'readiness after the rebuild',
        async () => {
          const res = await h.agent().get('/health');
          return res.status === 200 ? res : null;
        },
        6000 + RECOVERY_BOUND_MS,
      );
      expect(Date.now() - restartedAt).toBeGreaterThanOrEqual(5000);
      expect(healthy.body.mongo).toMatchObject({ status: 'up', clientRebuilds: 1 });
      expect(healthy.body.mongo.cause).toBeUndefined();

      // The worker, rebuilt by its own watchdog, does its jobs: a cycle's fan-out.
      const cycle = await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'After the rebuild', groups: ['sport'], requestInDays: 0.001, dueAfterDays: 300, compileAfterDays: 350 }))
        .expect(201);
      await h.waitFor(
        'the fan-out by the rebuilt worker',
        async () => (await h.http.get(`/api/cycles/${cycle.body.id}/tasks`)).body.length === 1,
        RECOVERY_BOUND_MS,
      );
    }, 90_000);
  });

  describe('a revision stored just before the database went away', () => {
    const { db, h } = ownDatabase(OUTAGE_ENV);

    it('reaches its task, its follow-ups and the report: the sweep finds its key', async () => {
      const res = await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Between two writes',
            groups: ['education'],
            requestInDays: 0.001,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
          }),
        )
        .expect(201);
      const [task] = await h.waitFor(
        'fan-out',
        async () => {
          const list = (await h.http.get(`/api/cycles/${res.body.id}/tasks`)).body;
          return list.length === 1 ? list : null;
        },
        30_000,
      );
      const chair = await h.chair('education');

      // The database dies the moment the revision is stored, before the task takes it.
      const repository = h.api.get(SubmissionRepository);
      const insert = repository.insertRevision.bind(repository);
      jest.spyOn(repository, 'insertRevision').mockImplementationOnce(async (...args) => {
        const stored = await insert(...args);
        await db.stop('SIGKILL');
        return stored;
      });
      const lost = await chair.post(`/api/tasks/${task.id}/submissions`).send(reportFor('education', 1));
      expect(lost.status).toBe(503);
      await db.start();

      const stored = await h.waitFor(
        'the task to take the stored revision',
        async () => {
          const t = await h.db.collection('tasks').findOne({ cycleId: res.body.id });
          return t?.status === 'submitted' && t.latestRevision === 1 && !t.outbox?.length ? t : null;
        },
        30_000,
      );
      expect(stored.late).toBe(false);
      expect(await h.db.collection('events').countDocuments({ taskId: task.id, type: 'submission.received' })).toBe(1);
      // The milestone counted it: with every report in, it compiles from revision 1.
      const report = await h.waitFor(
        'the report',
        async () => {
          const r = await h.http.get(`/api/cycles/${res.body.id}/report?milestone=final`);
          return r.status === 200 ? r.body : null;
        },
        30_000,
      );
      expect(report.coverage).toMatchObject({ total: 1, onTime: 1, missing: 0 });
      expect(JSON.stringify(report)).toContain('education: measure A');
    }, 120_000);
  });
});
