import { Queue, Worker } from 'bullmq';
import type TestAgent from 'supertest/lib/agent';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * The findings of the outside security review (issue 10), each reproduced over HTTP against
 * the real API, worker, Redis and MongoDB-wire server.
 */
describe('security review: reports, validation, roles (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  beforeAll(async () => {
    await h.start();
    await h.chair('education');
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  const hostile = {
    cycle: 'Cycle <svg onload=alert(1)> [x](javascript:alert(1))',
    milestone: '# Final <img src=x onerror=alert(2)>',
    indicator: '<svg onload=alert(3)>',
    practice: '[click me](javascript:alert(4))',
    obstacle: '</li></ul><script>alert(5)</script>',
    recommendation: '![pixel](https://evil.example/p.png) **loud** `code`',
  };
  let reportCycle: string;

  async function compiledHostileReport(): Promise<string> {
    if (reportCycle) return reportCycle;
    const body = shortCycle(h, { name: hostile.cycle, groups: ['education'], dueAfterDays: 60, compileAfterDays: 90 });
    body.milestones[0].title = hostile.milestone;
    const cycle = (await h.http.post('/cycles').send(body).expect(201)).body;
    await h.waitFor('requested', async () => (await h.http.get(`/cycles/${cycle.id}`)).body.progress.milestones[0].status === 'requested');
    const task = (await h.http.get(`/cycles/${cycle.id}/tasks`)).body[0];
    const content = reportFor('education');
    content.indicators[0].name = hostile.indicator;
    content.goodPractices = [hostile.practice];
    content.obstacles = [hostile.obstacle];
    content.recommendations = [hostile.recommendation];
    await (await h.chair('education')).post(`/tasks/${task.id}/submissions`).send(content).expect(201);
    await h.waitFor('compiled', async () => (await h.http.get(`/cycles/${cycle.id}/report`)).status === 200, 60_000);
    await h.http.post(`/cycles/${cycle.id}/report/publish`).expect(201);
    reportCycle = cycle.id;
    return cycle.id;
  }

  it('1. the Markdown report, live and published, has no raw HTML, no active link and no injected syntax', async () => {
    const id = await compiledHostileReport();
    for (const path of [`/cycles/${id}/report`, `/cycles/${id}/report/versions/1`]) {
      const res = await h.http.get(path).set('Accept', 'text/markdown').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      const md = res.text;
      expect([path, md]).toEqual([path, expect.not.stringMatching(/<[a-z/!]/i)]); // no tag, comment or autolink
      expect(md).not.toMatch(/[^\\][\]!]\(/); // no link or image: "](" or "!(" only escaped
      expect(md).not.toMatch(/javascript:/i);
      expect(md).not.toMatch(/[^\\]\*\*loud/);
      // The texts are there, readable, as text.
      expect(md).toContain('# Cycle &lt;svg onload=alert\\(1\\)&gt; \\[x\\]\\(alert\\(1\\)\\): \\# Final &lt;img src=x onerror=alert\\(2\\)&gt;');
      expect(md).toContain('&lt;svg onload=alert\\(3\\)&gt;');
      expect(md).toContain('\\[click me\\]\\(alert\\(4\\)\\)');
      expect(md).toContain('&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;alert\\(5\\)&lt;/script&gt;');
      expect(md).toContain('\\!\\[pixel\\]\\(https://evil.example/p.png\\) \\*\\*loud\\*\\* \\`code\\`');
    }
  }, 120_000);

  it('3. report pages, live and published, get a strict policy of their own; the rest keeps the global one', async () => {
    const id = await compiledHostileReport();
    for (const path of [`/cycles/${id}/report?format=html`, `/cycles/${id}/report/versions/1?format=html`]) {
      const res = await h.http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const csp = String(res.headers['content-security-policy']);
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
      expect([path, directives]).toEqual([
        path,
        { 'default-src': "'none'", 'style-src': "'unsafe-inline'", 'img-src': 'data:', 'frame-ancestors': "'none'", 'base-uri': "'none'", 'form-action': "'none'" },
      ]);
      expect(csp).not.toMatch(/script-src/);
      expect(res.text).not.toContain('<script>alert');
    }
    // The API docs still get the global policy they need.
    expect((await h.agent().get('/docs').expect(200)).headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
  }, 120_000);
});

describe('security review: the queue dashboard lets operators look, retry failed and clean (e2e)', () => {
  // No worker: the jobs stay where the test puts them.
  const h = new EngineHarness({ worker: false });
  let operator: TestAgent;
  const queues: Record<string, Queue> = {};
  let delayedJob: string;
  let failedJob: string;
  let completedJob: string;

  beforeAll(async () => {
    await h.start();
    operator = h.agent(await h.tokenFor(['operator']));
    const connection = { url: h.env.REDIS_URL };
    for (const name of ['cycles', 'deadlines', 'maintenance', 'notifications']) queues[name] = new Queue(name, { prefix: h.prefix, connection });
    // A cycle requested far ahead: its fan-out and compile jobs wait, delayed, in "cycles".
    const cycle = (await h.http.post('/cycles').send(shortCycle(h, { name: 'Dashboard', groups: ['education'], requestInDays: 300 })).expect(201)).body;
    delayedJob = `fanout-${cycle.id}-final`;
    // One failed and one completed job in "maintenance", made by a real worker of the test's own.
    const worker = new Worker(
      'maintenance',
      async (job) => {
        if (job.name === 'fail') throw new Error('failed on purpose');
        return 'done';
      },
      { prefix: h.prefix, connection },
    );
    const failed = await queues.maintenance.add('fail', {}, { attempts: 1, removeOnFail: false });
    const completed = await queues.maintenance.add('succeed', {}, { removeOnComplete: false });
    await h.waitFor('failed and completed', async () => (await failed.getState()) === 'failed' && (await completed.getState()) === 'completed');
    await worker.close();
    failedJob = failed.id!;
    completedJob = completed.id!;
  }, 60_000);
  afterAll(async () => {
    for (const q of Object.values(queues)) await q.close();
    await h.stop();
  }, 60_000);

  /** Every queue's job counts and paused state, and the delayed jobs' ids and data. */
  async function snapshot() {
    const out: Record<string, unknown> = {};
    for (const [name, q] of Object.entries(queues)) {
      const delayed = await q.getJobs(['delayed', 'wait', 'failed', 'completed', 'prioritized']);
      out[name] = {
        counts: await q.getJobCounts(),
        paused: await q.isPaused(),
        jobs: delayed.map((j) => [j.id, j.name, JSON.stringify(j.data), j.delay, j.priority]).sort(),
        schedulers: await q.getJobSchedulers(),
      };
    }
    return JSON.stringify(out);
  }

  const base = '/admin/queues/api';
  const refused: [string, (a: TestAgent) => any][] = [
    ['add a job', (a) => a.post(`${base}/queues/maintenance/add`).send({ name: 'reconcile', data: {} })],
    ['add a fan-out', (a) => a.post(`${base}/queues/cycles/add`).send({ name: 'fan-out', data: { cycleId: 'x', milestoneKey: 'final' } })],
    ['promote every delayed job', (a) => a.put(`${base}/queues/cycles/promote`)],
    ['promote one job', (a) => a.put(`${base}/queues/cycles/${delayedJob}/promote`)],
    ['pause a queue', (a) => a.put(`${base}/queues/deadlines/pause`)],
    ['resume a queue', (a) => a.put(`${base}/queues/deadlines/resume`)],
    ['pause every queue', (a) => a.put(`${base}/queues/pause`)],
    ['resume every queue', (a) => a.put(`${base}/queues/resume`)],
    ['empty a queue', (a) => a.put(`${base}/queues/cycles/empty`)],
    ['obliterate a queue', (a) => a.put(`${base}/queues/cycles/obliterate`).send({ force: true })],
    ['clean delayed jobs', (a) => a.put(`${base}/queues/cycles/clean/delayed`)],
    ['clean waiting jobs', (a) => a.put(`${base}/queues/cycles/clean/wait`)],
    ['retry completed jobs', (a) => a.put(`${base}/queues/maintenance/retry/completed`)],
    ['retry a completed job', (a) => a.put(`${base}/queues/maintenance/${completedJob}/retry`)],
    ['retry a delayed job', (a) => a.put(`${base}/queues/cycles/${delayedJob}/retry`)],
    ['clean (remove) a delayed job', (a) => a.put(`${base}/queues/cycles/${delayedJob}/clean`)],
    ['clean an unknown job', (a) => a.put(`${base}/queues/cycles/no-such-job/clean`)],
    ['change job data', (a) => a.patch(`${base}/queues/cycles/${delayedJob}/update-data`).send({ data: { cycleId: 'other' } })],
    ['change a delay', (a) => a.patch(`${base}/queues/cycles/${delayedJob}/delay`).send({ delay: 0 })],
    ['change a priority', (a) => a.patch(`${base}/queues/cycles/${delayedJob}/priority`).send({ priority: 1 })],
    ['remove unprocessed children', (a) => a.put(`${base}/queues/cycles/${delayedJob}/remove-unprocessed-children`)],
    ['set global concurrency', (a) => a.put(`${base}/queues/deadlines/concurrency`).send({ concurrency: 1 })],
    ['set a rate limit', (a) => a.put(`${base}/queues/notifications/rate-limit`).send({ max: 1, duration: 60000 })],
    ['release a rate limit', (a) => a.put(`${base}/queues/notifications/rate-limit/release`)],
    ['run a job scheduler', (a) => a.put(`${base}/queues/maintenance/job-schedulers/reconcile/run`)],
    ['remove a job scheduler', (a) => a.put(`${base}/queues/maintenance/job-schedulers/reconcile/remove`)],
    ['update a job scheduler', (a) => a.patch(`${base}/queues/maintenance/job-schedulers/reconcile`).send({ every: 1 })],
    ['purge metrics history', (a) => a.post(`${base}/metrics/history/purge`).send({})],
    ['obliterate, spelled in capitals', (a) => a.put('/admin/queues/API/QUEUES/cycles/OBLITERATE').send({ force: true })],
    ['empty, with a trailing slash', (a) => a.put(`${base}/queues/cycles/empty/`)],
    ['clean delayed, spelled in capitals', (a) => a.put(`${base}/queues/cycles/CLEAN/delayed`)],
  ];

  it.each(refused)('refuses to %s (403), and nothing changes', async (_what, call) => {
    const before = await snapshot();
    const res = await call(operator);
    expect(res.status).toBe(403);
    expect(String(res.body.message)).toMatch(/operators may look at the queues, retry failed jobs and clean completed or failed ones|only (failed|completed or failed) jobs may be/);
    expect(await snapshot()).toBe(before);
  });

  it('lets operators look at queues and jobs', async () => {
    const list = (await operator.get(`${base}/queues`).expect(200)).body;
    expect(list.queues.map((q: any) => q.name).sort()).toEqual(['cycles', 'deadlines', 'maintenance', 'notifications']);
    // The UI offers no retry of completed jobs.
    expect(list.queues.find((q: any) => q.name === 'maintenance')).toMatchObject({ readOnlyMode: false, allowRetries: true, allowCompletedRetries: false });
    const job = (await operator.get(`${base}/queues/cycles/${delayedJob}`).expect(200)).body;
    expect(job.job.id).toBe(delayedJob);
    await operator.get('/admin/queues').expect(200);
  });

  it('lets operators retry failed jobs and clean completed and failed ones, one by one or all', async () => {
    await operator.put(`${base}/queues/maintenance/${failedJob}/retry`).expect(204);
    expect(await queues.maintenance.getJobState(failedJob)).toBe('waiting');
    // The waiting job is no longer failed: neither retried nor cleaned again.
    await operator.put(`${base}/queues/maintenance/${failedJob}/retry`).expect(403);
    await operator.put(`${base}/queues/maintenance/${failedJob}/clean`).expect(403);
    await operator.put(`${base}/queues/maintenance/${completedJob}/clean`).expect(204);
    expect(await queues.maintenance.getJobState(completedJob)).toBe('unknown');
    await operator.put(`${base}/queues/maintenance/retry/failed`).expect(200);
    await operator.put(`${base}/queues/maintenance/clean/completed`).expect(200);
    await operator.put(`${base}/queues/maintenance/clean/failed`).expect(200);
    // A delayed timer was never touched.
    expect(await queues.cycles.getJobState(delayedJob)).toBe('delayed');
  });

  it('the committee and chairs reach none of it', async () => {
    const committee = h.http;
    const chair = await h.chair('education');
    for (const a of [committee, chair]) {
      await a.get(`${base}/queues`).expect(403);
      await a.put(`${base}/queues/maintenance/retry/failed`).expect(403);
      await a.post(`${base}/queues/maintenance/add`).send({ name: 'x', data: {} }).expect(403);
    }
  });
});
