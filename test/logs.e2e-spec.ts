import request from 'supertest';
import { EngineHarness, shortCycle } from './support/engine-harness';

type Line = Record<string, unknown> & { msg?: string; level?: string };

/** Every line a process printed, each parsed as JSON (a line that is not JSON fails the test, naming it). */
function jsonLines(output: string, who: string): Line[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as Line;
      } catch {
        throw new Error(`${who} printed a line that is not JSON: ${l}`);
      }
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Structured logs (issue 21, point 2), of a real API and a real worker process with
 * LOG_FORMAT=json: every line is JSON; the API's lines carry the request's id, which is the
 * caller's X-Request-Id when it is plain and is echoed in the response; the worker's lines
 * about a job carry its id and the cycle and task it is about; no line holds an API token, a
 * cookie's value or a sign-in link's token, even when they came in the URL.
 */
describe('logs (e2e)', () => {
  // 50 real ms per day: the cycle's request and its tasks' reminders fall due within seconds.
  const h = new EngineHarness({ msPerDay: 50, worker: false, reconcileEveryMs: 500 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  it('writes JSON lines with request ids and job, cycle and task ids, and no credentials', async () => {
    const api = await h.spawnApi({ LOG_FORMAT: 'json' });
    const worker = await h.spawnWorkerWithOutput({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
    const linkToken = 'LinkTokenOfTheLogsTest0123456789';
    const cookieValue = 'SessionCookieOfTheLogsTest42';

    // A sign-in link opened with a token in the path and the query, an API token and a session cookie.
    const link = await request(api.url)
      .get(`/sign-in/${linkToken}?token=${linkToken}`)
      .set('Authorization', `Bearer ${h.committeeToken}`)
      .set('Cookie', `pact_session=${cookieValue}`)
      .set('X-Request-Id', 'logs-e2e.link_1');
    expect(link.headers['x-request-id']).toBe('logs-e2e.link_1');

    // A cycle of one group, created through this API and run by this worker.
    const created = await request(api.url)
      .post('/api/cycles')
      .set('Authorization', `Bearer ${h.committeeToken}`)
      .set('X-Request-Id', 'logs-e2e-cycle')
      .send(shortCycle(h, { name: 'Logged cycle', groups: ['education'], requestInDays: 1, dueAfterDays: 20, reminders: [15] }))
      .expect(201);
    expect(created.headers['x-request-id']).toBe('logs-e2e-cycle');
    const cycleId = created.body.id as string;

    // Without an id, or with one that is too long or not plain, the API makes its own.
    const own = await request(api.url).get(`/api/cycles/${cycleId}`).set('Authorization', `Bearer ${h.committeeToken}`).expect(200);
    expect(own.headers['x-request-id']).toMatch(UUID);
    const refused = await request(api.url)
      .get(`/api/cycles/${cycleId}`)
      .set('Authorization', `Bearer ${h.committeeToken}`)
      .set('X-Request-Id', 'x'.repeat(65))
      .expect(200);
    expect(refused.headers['x-request-id']).toMatch(UUID);

    const task = await h.waitFor('the task requested', async () => h.db.collection('tasks').findOne({ cycleId }), 30_000);
    const taskId = String(task._id);
    // The worker's lines about the task's reminder timer.
    await h.waitFor(
      "a worker line about the task's timer",
      async () => jsonLines(worker.output(), 'the worker').some((l) => l.taskId === taskId && l.jobId),
      30_000,
    );

    const apiLines = jsonLines(api.output(), 'the API');
    const workerLines = jsonLines(worker.output(), 'the worker');
    for (const l of [...apiLines, ...workerLines]) {
      expect(typeof l.time).toBe('string');
      expect(typeof l.level).toBe('string');
    }

    // Nest's own lines keep their context.
    expect(apiLines.find((l) => /listening on/.test(l.msg ?? ''))).toMatchObject({ context: 'API', app: 'api' });
    expect(workerLines.find((l) => /processing queues/.test(l.msg ?? ''))).toMatchObject({ context: 'Worker', app: 'worker' });

    // Each request's line carries the id the response was given, and its path without the link's token.
    const answered = (id: string) => apiLines.find((l) => l.requestId === id && (l.res as { statusCode?: number } | undefined)?.statusCode);
    expect(answered('logs-e2e.link_1')).toMatchObject({
      req: { method: 'GET', url: '/sign-in/[redacted]?token=[redacted]' },
      res: { statusCode: link.status },
    });
    expect(answered('logs-e2e-cycle')).toMatchObject({ req: { method: 'POST', url: '/api/cycles' }, res: { statusCode: 201 } });
    expect(answered(own.headers['x-request-id'])).toMatchObject({ req: { url: `/api/cycles/${cycleId}` } });
    expect(answered(refused.headers['x-request-id'])).toBeDefined();
    expect(apiLines.some((l) => l.requestId === 'x'.repeat(65))).toBe(false);

    // The worker's lines about jobs: the fan-out names the cycle, the timer the task too.
    const jobLines = workerLines.filter((l) => l.jobId !== undefined);
    for (const l of jobLines) expect(l).toEqual(expect.objectContaining({ jobId: expect.any(String), job: expect.any(String), queue: expect.any(String) }));
    expect(jobLines.find((l) => l.cycleId === cycleId && l.job === 'fan-out' && l.context === 'FanOutService')).toBeDefined();
    expect(jobLines.find((l) => l.taskId === taskId && l.cycleId === cycleId)).toBeDefined();

    // No credential in any line of either process.
    for (const [who, output] of [
      ['the API', api.output()],
      ['the worker', worker.output()],
    ]) {
      for (const secret of [linkToken, cookieValue, h.committeeToken]) {
        if (output.includes(secret)) throw new Error(`${who} logged ${secret}:\n${output.split('\n').find((l) => l.includes(secret))}`);
      }
    }
  }, 120_000);
});
