import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import IORedis from 'ioredis';
import { EmbeddedDb } from './support/embedded-db';
import { EngineHarness } from './support/engine-harness';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A redis-server of the test's own (no persistence), so it can be stopped and started again; stopped by its pid. */
class OwnRedis {
  port = 0;
  private child?: ChildProcess;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (/Ready to accept connections/.test(out)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${out}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(child.pid!, 'SIGKILL');
    await exited;
  }
}

/**
 * Liveness and readiness (issue 21, point 3), of a real API and a real worker process:
 * readiness says 503 while Redis or MongoDB cannot be reached and 200 once they are back,
 * liveness stays 200 throughout, and neither shows an address, a database name or an error's text.
 * The test runs its own Redis and database so that it can stop them.
 */
describe('health probes (e2e)', () => {
  const db = new EmbeddedDb();
  const redis = new OwnRedis();
  // A long reconciliation period: the worker reconciles once at start, and the test decides when the mark goes stale.
  const h = new EngineHarness({
    worker: false,
    reconcileEveryMs: 600_000,
    mongoUri: () => db.uri,
    env: { HEALTH_TIMEOUT_MS: '1000', MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1500' },
  });
  let api: string;
  let worker: string;
  let ownRedis: IORedis;

  beforeAll(async () => {
    await db.start();
    await redis.start();
    await h.start();
    // Both on the test's own Redis, which the test stops (the harness's own API stays on the shared one).
    api = (await h.spawnApi({ REDIS_URL: redis.url })).url;
    const spawned = await h.spawnWorkerWithOutput({ REDIS_URL: redis.url, WORKER_METRICS_PORT: '0' });
    worker = `http://127.0.0.1:${/health on http:\/\/127\.0\.0\.1:(\d+)\//.exec(spawned.output())![1]}`;
    ownRedis = new IORedis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
    ownRedis.on('error', () => undefined);
  }, 120_000);
  afterAll(async () => {
    ownRedis?.disconnect();
    await h.stop();
    await redis.stop();
    await db.destroy();
  }, 60_000);

  const get = async (url: string) => {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, text: await res.text() };
  };
  /** terminus's body (its own `status`: ok or error) and the HTTP status as `code`. */
  const body = async (url: string) => {
    const r = await get(url);
    return { ...JSON.parse(r.text), code: r.status };
  };
  /** Nothing that names where the stores are or what they said. */
  const expectNothingSensitive = (text: string) => {
    for (const secret of ['mongodb://', 'redis://', '127.0.0.1', String(db.port), String(redis.port), h.dbName, h.prefix, 'ECONNREFUSED'])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
  };

  it('answer 200 when all is well, naming what they checked; /health keeps its own answer', async () => {
    const live = await body(`${api}/health/live`);
    expect(live).toMatchObject({ code: 200, status: 'ok' });
    const ready = await h.waitFor('the API ready', async () => {
      const r = await body(`${api}/health/ready`);
      return r.code === 200 && r;
    });
    expect(ready.info).toMatchObject({ process: { status: 'up' }, mongo: { status: 'up' }, redis: { status: 'up' } });
    const workerReady = await h.waitFor('the worker ready', async () => {
      const r = await body(`${worker}/health/ready`);
      return r.code === 200 && r;
    });
    expect(workerReady.info).toMatchObject({
      process: { status: 'up' },
      mongo: { status: 'up' },
      redis: { status: 'up' },
      queues: { status: 'up', running: expect.arrayContaining(['cycles', 'deadlines', 'notifications', 'maintenance']) },
      reconciler: { status: 'up' },
    });
    expect((await body(`${worker}/health/live`)).code).toBe(200);
    const old = await body(`${api}/health`);
    expect(old).toMatchObject({ code: 200, status: 'ok', mongo: { status: 'up' }, redis: { status: 'up' } });
    for (const url of [`${api}/health/live`, `${api}/health/ready`, `${worker}/health/ready`, `${api}/health`]) expectNothingSensitive((await get(url)).text);
  });

  it("the worker is unready when no one has reconciled for RECONCILE_MAX_AGE_MS, ready again after a pass; the API's readiness does not depend on it", async () => {
    await ownRedis.connect().catch(() => undefined);
    const mark = `${h.prefix}:maintenance:last-reconciled`;
    const fresh = await ownRedis.get(mark);
    expect(Number(fresh)).toBeGreaterThan(0);
    await ownRedis.set(mark, String(Date.now() - 3_600_000));
    const stale = await body(`${worker}/health/ready`);
    expect(stale.code).toBe(503);
    expect(stale.error).toEqual({ reconciler: { status: 'down', state: 'stale', ageMs: expect.any(Number), maxAgeMs: 1_800_000 } });
    expect((await body(`${api}/health/ready`)).code).toBe(200);
    await ownRedis.set(mark, fresh!);
    expect((await body(`${worker}/health/ready`)).code).toBe(200);
  });

  it('Redis unreachable: readiness 503 naming redis, liveness 200; ready again once it is back', async () => {
    await redis.stop();
    const ready = await h.waitFor('the API unready', async () => {
      const r = await body(`${api}/health/ready`);
      return r.code === 503 && r;
    });
    expect(ready).toMatchObject({ status: 'error', error: { redis: { status: 'down', state: expect.stringMatching(/^(down|timeout)$/) } } });
    expect(ready.info).toMatchObject({ mongo: { status: 'up' } });
    expect((await body(`${api}/health/live`)).code).toBe(200);
    const workerReady = await body(`${worker}/health/ready`);
    expect(workerReady.code).toBe(503);
    expect(workerReady.error).toMatchObject({ redis: { status: 'down' } });
    expect((await body(`${worker}/health/live`)).code).toBe(200);
    expect((await get(`${api}/health`)).status).toBe(503);
    for (const url of [`${api}/health/ready`, `${worker}/health/ready`]) expectNothingSensitive((await get(url)).text);

    await redis.start();
    await h.waitFor('the API ready again', async () => (await body(`${api}/health/ready`)).code === 200, 30_000);
    // The new Redis is empty: the worker's Redis answers again, and it stays unready until a reconciliation marks it.
    const after = await h.waitFor('the worker reaching Redis again', async () => {
      const r = await body(`${worker}/health/ready`);
      return r.details.redis.status === 'up' && r;
    });
    expect(after.details).toMatchObject({ mongo: { status: 'up' }, queues: { status: 'up' }, reconciler: { status: 'down', state: 'never' } });
  }, 90_000);

  it('MongoDB unreachable: readiness 503 naming mongo, liveness 200; ready again once it is back', async () => {
    await db.stop('SIGKILL');
    const ready = await h.waitFor('the API unready', async () => {
      const r = await body(`${api}/health/ready`);
      return r.code === 503 && r;
    });
    expect(ready).toMatchObject({ status: 'error', error: { mongo: { status: 'down', state: expect.stringMatching(/^(down|timeout)$/) } } });
    expect(ready.info).toMatchObject({ redis: { status: 'up' }, process: { status: 'up' } });
    expect((await body(`${api}/health/live`)).code).toBe(200);
    const workerReady = await body(`${worker}/health/ready`);
    expect(workerReady.code).toBe(503);
    expect(workerReady.error).toMatchObject({ mongo: { status: 'down' } });
    expect((await body(`${worker}/health/live`)).code).toBe(200);
    for (const url of [`${api}/health/ready`, `${worker}/health/ready`]) expectNothingSensitive((await get(url)).text);

    await db.start();
    await h.waitFor('the API ready again', async () => (await body(`${api}/health/ready`)).code === 200, 60_000);
  }, 120_000);
});
