import { Queue } from 'bullmq';
import request from 'supertest';
import { WorkerPort } from '../apps/worker/src/worker-port';
import { EngineHarness, shortCycle } from './support/engine-harness';

/** The value of one sample in a Prometheus text exposition, or undefined when there is no such line. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/**
 * Prometheus metrics over HTTP (issue 21, point 1): the API's /metrics for operators only, with
 * route templates (never URLs) and the tasks per programme and status; the worker's own port with
 * its job durations and queue sizes.
 */
describe('metrics (e2e)', () => {
  // METRICS_CACHE_MS=0: each scrape counts the tasks afresh, so the test sees the fan-out's tasks
  // at once (the 30 s cache has nothing to show here).
  const h = new EngineHarness({ env: { WORKER_METRICS_PORT: '0', METRICS_CACHE_MS: '0', METRICS_PROCESS: 'true' } });
  let operator: string;

  beforeAll(async () => {
    await h.start();
    operator = await h.tokenFor(['operator']);
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  it('answers 401 without a token and 403 to the committee', async () => {
    await h.agent().get('/metrics').expect(401);
    await h.agent(h.committeeToken).get('/metrics').expect(403);
  });

  it('shows an operator the request durations by route template and status, never the URL', async () => {
    const cycle = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Metrics', groups: ['education', 'sport'] }))
      .expect(201);
    await h.http.get(`/api/cycles/${cycle.body.id}`).expect(200);
    await h.http.get('/api/cycles/ffffffffffffffffffffffff').expect(404);
    const res = await h.agent(operator).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const count = (route: string, status: string) =>
      sample(res.text, 'pact_http_request_duration_seconds_count', { method: 'GET', route, status, process: 'api' });
    expect(count('/api/cycles/:id', '200')).toBeGreaterThanOrEqual(1);
    expect(count('/api/cycles/:id', '404')).toBeGreaterThanOrEqual(1);
    expect(count('/metrics', '403')).toBeGreaterThanOrEqual(1);
    expect(res.text).not.toContain(cycle.body.id);
    expect(res.text).not.toContain('@test.example.org');
    // Process metrics, labelled with their process.
    expect(sample(res.text, 'pact_process_resident_memory_bytes', { process: 'api' }) ?? 0).toBeGreaterThan(0);
  });

  it("counts tasks by programme and status once a cycle's fan-out made them, and the worker's port shows the fan-out job and the e-mails it sent", async () => {
    const cycle = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Fan-out', groups: ['education', 'sport', 'labour-market'] }))
      .expect(201);
    await h.waitFor('the fan-out', async () => (await h.http.get(`/api/cycles/${cycle.body.id}/tasks`)).body.length === 3);
    const tasks = await h.db.collection('tasks').countDocuments({ status: 'open', programme: 'pact' });
    expect(tasks).toBeGreaterThanOrEqual(3);
    const api = await h.agent(operator).get('/metrics').expect(200);
    expect(sample(api.text, 'pact_tasks', { programme: 'pact', status: 'open' })).toBe(tasks);

    const port = h.worker!.get(WorkerPort).port;
    expect(port).toBeGreaterThan(0);
    const scrape = async () => (await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200)).text;
    // The job's 'completed' event follows its effects: the tasks may be readable a moment before.
    const fanOuts = (text: string) =>
      sample(text, 'pact_job_duration_seconds_count', { queue: 'cycles', job: 'fan-out', outcome: 'completed', process: 'worker' });
    const worker = {
      text: await h.waitFor('the fan-out job measured', async () => {
        const text = await scrape();
        return (fanOuts(text) ?? 0) >= 1 && text;
      }),
    };
    expect(fanOuts(worker.text)).toBeGreaterThanOrEqual(1);
    for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'])
      expect(sample(worker.text, 'pact_queue_jobs', { queue: 'deadlines', state })).toEqual(expect.any(Number));
    // The reconciler ran at start-up: its count is there, whatever it is.
    expect(sample(worker.text, 'pact_timers_owed', { process: 'worker' })).toEqual(expect.any(Number));
    // The worker's registry is its own: no HTTP series of the API in it.
    expect(worker.text).not.toContain('pact_http_request_duration_seconds_count{');
    await request(`http://127.0.0.1:${port}`).get('/other').expect(404);
    // The fan-out asks each chair by e-mail; without an SMTP server the e-mails are logged, and counted so.
    const logged = await h.waitFor('the requests e-mailed', async () => {
      const n = sample(await scrape(), 'pact_deliveries_total', { channel: 'email', outcome: 'logged', process: 'worker' });
      return (n ?? 0) >= 3 && n;
    });
    expect(logged).toBeGreaterThanOrEqual(3);
  });

  it('counts failed job attempts by queue and job name, a name the engine does not know as "other"', async () => {
    const queue = new Queue('cycles', { prefix: h.prefix, connection: { url: h.env.REDIS_URL } });
    try {
      // A stray job (not one of the engine's): the cycles processor refuses it, and it fails for good.
      await queue.add('stray-66f0c3e2a1b2c3d4e5f60718', {}, { attempts: 1 });
      const port = h.worker!.get(WorkerPort).port;
      const text = await h.waitFor('the failure counted', async () => {
        const t = (await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200)).text;
        return (sample(t, 'pact_job_failures_total', { queue: 'cycles', job: 'other' }) ?? 0) >= 1 && t;
      });
      expect(sample(text, 'pact_job_duration_seconds_count', { queue: 'cycles', job: 'other', outcome: 'failed' })).toBeGreaterThanOrEqual(1);
      expect(text).not.toContain('stray-66f0c3e2a1b2c3d4e5f60718');
    } finally {
      await queue.close();
    }
  });
});
