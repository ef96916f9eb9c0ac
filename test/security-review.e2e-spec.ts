import { Queue, Worker } from 'bullmq';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { ObjectId } from 'mongodb';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * The findings of the outside security review (issue 10), each reproduced over HTTP against
 * the real API, worker, Redis and MongoDB-wire server.
 */
describe('security review: reports, validation, roles (e2e)', () => {
  // A slow clock (1 day = 1 s): the open task stays open, untouched by timers, for the whole
  // file, so "nothing changed" compares like with like on a loaded machine. The hostile report
  // compiles as soon as its one group has submitted.
  const h = new EngineHarness({ msPerDay: 1000 });
  let reportCycle: string;
  let openTask: string;
  // Made first, before any test tries to corrupt the education group (on code without the fixes
  // a stored empty chair would break later fan-outs).
  beforeAll(async () => {
    await h.start();
    await h.chair('education');
    reportCycle = await compiledHostileReport();
    openTask = await openEducationTask();
  }, 120_000);
  afterAll(() => h.stop(), 60_000);

  const hostile = {
    cycle: 'Cycle <svg onload=alert(1)> [x](javascript:alert(1))',
    milestone: '# Final <img src=x onerror=alert(2)>',
    indicator: '<svg onload=alert(3)>',
    practice: '[click me](javascript:alert(4))',
    obstacle: '</li></ul><script>alert(5)</script>',
    recommendation: '![pixel](https://evil.example/p.png) **loud** `code`',
  };

  /** A cycle whose compiled and published report holds hostile names and texts everywhere. */
  async function compiledHostileReport(): Promise<string> {
    const body = shortCycle(h, { name: hostile.cycle, groups: ['education'], dueAfterDays: 60, compileAfterDays: 90 });
    body.milestones[0].title = hostile.milestone;
    const cycle = (await h.http.post('/api/cycles').send(body).expect(201)).body;
    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycle.id}`)).body.progress.milestones[0].status === 'requested');
    const task = (await h.http.get(`/api/cycles/${cycle.id}/tasks`)).body[0];
    const content = reportFor('education');
    content.indicators[0].name = hostile.indicator;
    content.goodPractices = [hostile.practice];
    content.obstacles = [hostile.obstacle];
    content.recommendations = [hostile.recommendation];
    await (await h.chair('education')).post(`/api/tasks/${task.id}/submissions`).send(content).expect(201);
    await h.waitFor('compiled', async () => (await h.http.get(`/api/cycles/${cycle.id}/report`)).status === 200, 60_000);
    await h.http.post(`/api/cycles/${cycle.id}/report/publish`).expect(201);
    return cycle.id;
  }

  it('1. the Markdown report, live and published, has no raw HTML, no active link and no injected syntax', async () => {
    const id = reportCycle;
    for (const path of [`/api/cycles/${id}/report`, `/api/cycles/${id}/report/versions/1`]) {
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
    const id = reportCycle;
    for (const path of [`/api/cycles/${id}/report?format=html`, `/api/cycles/${id}/report/versions/1?format=html`]) {
      const res = await h.http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const csp = String(res.headers['content-security-policy']);
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v.join(' ')]),
      );
      expect([path, directives]).toEqual([
        path,
        {
          'default-src': "'none'",
          'style-src': "'unsafe-inline'",
          'img-src': 'data:',
          'frame-ancestors': "'none'",
          'base-uri': "'none'",
          'form-action': "'none'",
        },
      ]);
      expect(csp).not.toMatch(/script-src/);
      expect(res.text).not.toContain('<script>alert');
    }
    // The API docs still get the global policy they need.
    expect((await h.agent().get('/api/docs').expect(200)).headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
  }, 120_000);

  async function snapshot(): Promise<string> {
    const out: Record<string, unknown> = {};
    for (const n of ['cycles', 'tasks', 'submissions', 'working_groups', 'users', 'api_tokens', 'webhook_subscriptions']) {
      out[n] = await h.db
        .collection(n)
        .find({}, { projection: { lastUsedAt: 0 } })
        .sort({ _id: 1 })
        .toArray();
    }
    return JSON.stringify(out);
  }

  /** An education task that stays open for the whole file. */
  async function openEducationTask(): Promise<string> {
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Open', groups: ['education'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body;
    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycle.id}`)).body.progress.milestones[0].status === 'requested');
    return (await h.http.get(`/api/cycles/${cycle.id}/tasks`)).body[0].id;
  }

  const chairOf = (name: unknown) => ({ chair: { name, email: 'new.chair@example.org', language: 'de' } });
  const validCycle = (patch: Record<string, unknown> = {}) => ({
    name: 'Later',
    start: new Date(h.clock.now().getTime() + 400 * 86_400_000).toISOString(),
    groups: ['education'],
    ...patch,
  });

  it.each([
    ['"chair": []', { chair: [] }],
    ['"chair": [ {…} ]', { chair: [{ name: 'Array Chair', email: 'array@example.org', language: 'en' }] }],
    ['"chair": null', { chair: null, goal: 'A goal' }],
    ['"chair": "x"', { chair: 'x' }],
  ])('4. PATCH /working-groups/:key with %s is refused, naming chair; nothing stored', async (_what, body) => {
    const before = await snapshot();
    const res = await h.http.patch('/api/working-groups/education').send(body).expect(400);
    expect(res.body.message).toContain('chair: chair must be an object');
    expect(await snapshot()).toBe(before);
    expect((await h.http.get('/api/working-groups/education').expect(200)).body.chair).toMatchObject({ email: expect.any(String) });
  });

  it.each([
    ['"escalation": []', { escalation: [] }, 'escalation: escalation must be an object'],
    ['"escalation": null', { escalation: null }, 'escalation: escalation must be an object'],
    ['"escalation": "x"', { escalation: 'x' }, 'escalation: escalation must be an object'],
    ['"escalation": { "levels": [[]] }', { escalation: { levels: [[]] } }, 'escalation.levels: each value in levels must be an object'],
    ['"escalation": { "levels": {} }', { escalation: { levels: {} } }, 'escalation.levels: levels must be an array of objects'],
    ['"milestones": [[]]', { milestones: [[]] }, 'milestones: each value in milestones must be an object'],
    ['"milestones": [null]', { milestones: [null] }, 'milestones: each value in milestones must be an object'],
  ])('5. POST /cycles with %s answers 400 naming the field (not 500); nothing stored', async (_what, patch, message) => {
    const before = await snapshot();
    const res = await h.http.post('/api/cycles').send(validCycle(patch));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
    expect(await snapshot()).toBe(before);
  });

  it('4/5. submissions refuse arrays and nulls where measures and indicators belong', async () => {
    const task = openTask;
    const chair = await h.chair('education');
    const before = await snapshot();
    for (const [patch, message] of [
      [{ measures: [[]] }, 'measures: each value in measures must be an object'],
      [{ indicators: [null] }, 'indicators: each value in indicators must be an object'],
    ] as const) {
      const res = await chair
        .post(`/api/tasks/${task}/submissions`)
        .send({ ...reportFor('education'), ...patch })
        .expect(400);
      expect(res.body.message).toContain(message);
    }
    expect(await snapshot()).toBe(before);
  });

  const controls: [string, string][] = [
    ['LF', 'Anna\nBcc: everyone@example.org'],
    ['CR LF', 'Anna\r\nX-Injected: 1'],
    ['NUL', 'Anna\u0000'],
    ['escape', 'Anna \u001b[2J'],
    ['line separator', 'Anna\u2028Keller'],
    ['right-to-left override', 'Anna \u202egnp.exe'],
  ];
  const singleLineFields: [string, (text: string) => Promise<any>][] = [
    ['working-group chair name', (t) => h.http.patch('/api/working-groups/education').send(chairOf(t))],
    ['cycle name', (t) => h.http.post('/api/cycles').send(validCycle({ name: t }))],
    [
      'milestone title',
      (t) =>
        h.http.post('/api/cycles').send(validCycle({ milestones: [{ key: 'final', title: t, kind: 'final', requestMonth: 1, dueMonth: 2, compileMonth: 3 }] })),
    ],
    [
      'measure title',
      async (t) =>
        (await h.chair('education'))
          .post(`/api/tasks/${openTask}/submissions`)
          .send({ ...reportFor('education'), measures: [{ title: t, status: 'planned' }] }),
    ],
    [
      'indicator name',
      async (t) =>
        (await h.chair('education'))
          .post(`/api/tasks/${openTask}/submissions`)
          .send({ ...reportFor('education'), indicators: [{ key: 'own', name: t, unit: 'people', baseline: 1, target: 2, actual: 1 }] }),
    ],
    [
      'indicator unit',
      async (t) =>
        (await h.chair('education'))
          .post(`/api/tasks/${openTask}/submissions`)
          .send({ ...reportFor('education'), indicators: [{ key: 'own', name: 'Own', unit: t, baseline: 1, target: 2, actual: 1 }] }),
    ],
    ['user name', (t) => h.http.post('/api/users').send({ name: t, email: 'someone.new@example.org', roles: ['operator'] })],
    ['token name', async (t) => h.http.post(`/api/users/${(await h.http.get('/api/me')).body.id}/tokens`).send({ name: t })],
    ['webhook description', (t) => h.http.post('/api/webhooks').send({ url: 'http://127.0.0.1:9/hook', scope: 'network', description: t })],
  ];
  const singleLineCases = singleLineFields.flatMap(([field, call]) => controls.map(([what, text]) => ({ field, what, text, call })));

  it.each(singleLineCases)('6. $field with $what is refused with a 400 naming the character; nothing stored', async ({ text, call }) => {
    const before = await snapshot();
    const res = await call(text);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(
      /must be a single line of text, without line breaks, control characters or bidirectional overrides \(found U\+[0-9A-F]{4} at position \d+\)/,
    );
    expect(await snapshot()).toBe(before);
  });

  it('6. multi-line texts keep their line breaks, but not other control characters', async () => {
    const task = openTask;
    const chair = await h.chair('education');
    const body = { ...reportFor('education'), goodPractices: ['First line\nsecond line'], obstacles: ['Funding:\r\n\t- short-term only'] };
    await chair.post(`/api/tasks/${task}/submissions`).send(body).expect(201);
    const stored = await h.db.collection('submissions').find({ taskId: task }).sort({ revision: -1 }).limit(1).next();
    expect(stored!.content).toMatchObject({ goodPractices: ['First line\nsecond line'], obstacles: ['Funding:\r\n\t- short-term only'] });
    await h.http.patch('/api/working-groups/education').send({ goal: 'Line one.\nLine two.' }).expect(200);
    const refused = await h.http.patch('/api/working-groups/education').send({ goal: 'Line one.\u0000' }).expect(400);
    expect(refused.body.message).toEqual([
      'goal: goal must be text without control characters (other than line breaks and tabs) or bidirectional overrides (found U+0000 at position 9)',
    ]);
  });

  it('8. no answer shows a calendar token hash: GET /users (committee, operator) and POST /users', async () => {
    const chair = await h.chair('education');
    const feed = (await chair.post('/api/me/calendar').expect(201)).body;
    expect(JSON.stringify(feed)).not.toMatch(/calendarTokenHash/);
    const me = (await chair.get('/api/me').expect(200)).body;
    const stored = await h.db.collection('users').findOne({ email: me.email });
    expect(stored!.calendarTokenHash).toMatch(/^[0-9a-f]{64}$/); // it is there, and stays there
    for (const agent of [h.http, h.agent(await h.tokenFor(['operator']))]) {
      const users = (await agent.get('/api/users').expect(200)).body;
      const listed = users.find((u: any) => u.email === me.email);
      expect(listed).toMatchObject({ email: me.email, roles: ['chair'], calendarTokenCreatedAt: expect.any(String) });
      expect(listed).not.toHaveProperty('calendarTokenHash');
      expect(JSON.stringify(users)).not.toContain(stored!.calendarTokenHash);
    }
    const created = (
      await h.http
        .post('/api/users')
        .send({ name: 'Another Chair', email: 'another.chair@example.org', roles: ['chair'], groupKeys: ['sport'] })
        .expect(201)
    ).body;
    expect(created).not.toHaveProperty('calendarTokenHash');
  });

  it('9. a chair cannot resume a subscription the committee made for their group; its creator, the committee and operators can', async () => {
    const chair = await h.chair('education');
    const operator = h.agent(await h.tokenFor(['operator']));
    const committees = (await h.http.post('/api/webhooks').send({ url: 'http://127.0.0.1:9/committee', scope: 'group', groupKey: 'education' }).expect(201))
      .body.subscription;
    const chairs = (await chair.post('/api/webhooks').send({ url: 'http://127.0.0.1:9/chair', scope: 'group', groupKey: 'education' }).expect(201)).body
      .subscription;
    const pause = (id: string) =>
      h.db
        .collection('webhook_subscriptions')
        .updateOne({ _id: new ObjectId(id) }, { $set: { status: 'paused', pausedAt: new Date(), pausedReason: 'receiver failing' } });
    await pause(committees.id);
    await pause(chairs.id);
    // The chair sees it (it concerns their group), so the answer is 403, not 404.
    expect((await chair.get(`/api/webhooks/${committees.id}`).expect(200)).body.status).toBe('paused');
    const before = await snapshot();
    const refused = await chair.post(`/api/webhooks/${committees.id}/resume`).expect(403);
    expect(refused.body.message).toMatch(/only the committee, an operator or whoever created it may resume/);
    expect(await snapshot()).toBe(before);
    expect(await h.db.collection('events').countDocuments({ type: 'webhook.resumed' })).toBe(0);
    // Rotate and delete were already refused; they still are.
    await chair.post(`/api/webhooks/${committees.id}/rotate-secret`).expect(403);
    await chair.delete(`/api/webhooks/${committees.id}`).expect(403);

    expect((await chair.post(`/api/webhooks/${chairs.id}/resume`).expect(201)).body.subscription.status).toBe('active');
    expect((await operator.post(`/api/webhooks/${committees.id}/resume`).expect(201)).body.subscription.status).toBe('active');
    await pause(committees.id);
    expect((await h.http.post(`/api/webhooks/${committees.id}/resume`).expect(201)).body.subscription.status).toBe('active');
  });

  it('/api/docs-json documents the operations’ schemas only: no environment or configuration classes', async () => {
    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    const text = JSON.stringify(doc);
    for (const internal of [
      'EnvironmentVariables',
      'MONGODB_URI',
      'SMTP_PASSWORD',
      'WEBHOOK_ALLOW_PRIVATE_TARGETS',
      'PactConfigFile',
      'ChairConfig',
      'TemplateConfig',
      'LimitsConfig',
      'CommitteeConfig',
    ]) {
      expect([internal, text.includes(internal)]).toEqual([internal, false]);
    }
    // What the operations use is there, nested schemas included, with the rules that are enforced.
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'CreateCycleDto',
        'MilestoneDto',
        'EscalationPolicyDto',
        'EscalationLevelDto',
        'SubmissionDto',
        'MeasureDto',
        'IndicatorDto',
        'UpdateWorkingGroupDto',
        'ChairDto',
        'CreateUserDto',
        'IssueTokenDto',
        'CreateWebhookDto',
      ]),
    );
    const name = new RegExp(doc.components.schemas.CreateCycleDto.properties.name.pattern);
    expect(name.test('Pact cycle 2030–2032')).toBe(true);
    expect(name.test('Pact\ncycle')).toBe(false);
    expect(name.test('Pact \u202ecycle')).toBe(false);
    for (const [, schema] of Object.entries(doc.components.schemas) as [string, any][]) {
      JSON.stringify(schema, (k, v) => {
        if (k === '$ref') expect(doc.components.schemas).toHaveProperty([v.replace('#/components/schemas/', '')]);
        return v;
      });
    }
  });

  it('a user name or password in a webhook URL is refused even where internal receivers are allowed', async () => {
    const before = await snapshot();
    const res = await h.http.post('/api/webhooks').send({ url: 'http://user:pass@127.0.0.1:9/hook', scope: 'network' }).expect(400);
    expect(res.body.message).toEqual([
      'url: must not contain a user name or password (user:password@…); receivers check the webhook-signature of each delivery instead',
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('10. GET /me/tasks caps skip and limit like every other listing', async () => {
    const chair = await h.chair('education');
    for (const query of ['skip=99999999999999999999', 'skip=1000001', 'skip=-1', 'skip=1.5', 'limit=0', 'limit=501', 'limit=99999999999999999999']) {
      const res = await chair.get(`/api/me/tasks?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(JSON.stringify(res.body.message)).toMatch(new RegExp(query.split('=')[0]));
    }
    await chair.get('/api/me/tasks?skip=1000000&limit=500').expect(200);
    expect((await chair.get('/api/me/tasks?skip=0&limit=1').expect(200)).body.length).toBeLessThanOrEqual(1);
  });
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
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Dashboard', groups: ['education'], requestInDays: 300 }))
        .expect(201)
    ).body;
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
    expect(String(res.body.message)).toMatch(
      /operators may look at the queues, retry failed jobs and clean completed or failed ones|only (failed|completed or failed) jobs may be/,
    );
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

describe('security review: failed authentications are limited per client address (e2e)', () => {
  const h = new EngineHarness({ worker: false, env: { AUTH_FAILURES_PER_MINUTE: '5' } });
  // The attacker connects from another loopback address than the legitimate clients (127.0.0.1).
  const attackerAddress = new Agent({ localAddress: '127.0.0.2', keepAlive: false });
  const fromAttacker = (method: 'get' | 'put', path: string, auth?: string) => {
    const r = request(h.api.getHttpServer())[method](path).agent(attackerAddress);
    return auth ? r.set('Authorization', auth) : r;
  };
  let operatorToken: string;
  beforeAll(async () => {
    await h.start();
    operatorToken = await h.tokenFor(['operator']);
  }, 60_000);
  afterAll(async () => {
    attackerAddress.destroy();
    await h.stop();
  }, 60_000);

  it('7. after AUTH_FAILURES_PER_MINUTE failures an address gets 429 with Retry-After, before any token is looked up; other clients go on', async () => {
    // Forged tokens and no token at all both count.
    for (let i = 0; i < 4; i++) await fromAttacker('get', '/api/cycles', `Bearer pact_forged${i}`).expect(401);
    await fromAttacker('get', '/api/cycles').expect(401);
    const limited = await fromAttacker('get', '/api/cycles', 'Bearer pact_forged5').expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.message).toMatch(/too many failed authentications from your address; try again in \d+ s/);
    // Every way in is closed to that address: the queue dashboard and the calendar feeds too …
    await fromAttacker('get', '/admin/queues', `Basic ${Buffer.from('x:pact_forged').toString('base64')}`).expect(429);
    await fromAttacker('get', `/calendar/cal_${'A'.repeat(32)}.ics`).expect(429);
    // … and even a valid token is turned away: the check comes before the lookup.
    await fromAttacker('get', '/api/me', `Bearer ${operatorToken}`).expect(429);
    // Public endpoints are not authentications.
    await fromAttacker('get', '/health').expect(200);

    // Clients at other addresses are not affected: they authenticate as usual, and their own
    // failures are counted on their own.
    await h.agent(operatorToken).get('/api/me').expect(200);
    await h.agent(operatorToken).get('/admin/queues/api/queues').expect(200);
    await h.http.get('/api/cycles').expect(200);
    await h.agent('pact_forged_local').get('/api/cycles').expect(401);
    await h.agent(operatorToken).get('/api/me').expect(200);
  });
});

describe('security review: slow clients do not hold connections (e2e)', () => {
  const h = new EngineHarness({ worker: false, env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500' } });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  /** Sends `bytes` on a raw connection, then stays silent; resolves with what the server said once it closes. */
  function sendAndWait(bytes: string): Promise<string> {
    const { port } = h.api.getHttpServer().address() as { port: number };
    return new Promise((resolve, reject) => {
      let answer = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve(answer));
    });
  }

  it('a request that declares a large body and sends a few bytes gets 408 and is disconnected', async () => {
    const answer = await sendAndWait(
      `POST /cycles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${h.committeeToken}\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"name":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(await h.db.collection('cycles').countDocuments()).toBe(0);
  }, 30_000);

  it('headers that never end get 408 and are disconnected', async () => {
    expect(await sendAndWait('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1')).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('idle keep-alive connections are closed after HTTP_KEEP_ALIVE_TIMEOUT_MS, as announced', async () => {
    const answer = await sendAndWait('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
  }, 30_000);
});

describe('security review: webhook targets (e2e)', () => {
  // As in production: receivers must be public.
  const h = new EngineHarness({ worker: false, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' } });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  const stored = () => h.db.collection('webhook_subscriptions').countDocuments();

  it.each([
    'http://[::127.0.0.1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/',
    'http://[64:ff9b::169.254.169.254]/hook',
    'http://[64:ff9b:1::a9fe:a9fe]/hook',
    'http://[2002:a9fe:a9fe::1]/hook',
    'http://192.0.0.192/hook',
    'http://192.0.0.170/hook',
    'http://198.18.0.1/hook',
    'http://203.0.113.5/hook',
    'http://240.0.0.1/hook',
    'http://[2001:db8::1]/hook',
    'http://[100::1]/hook',
  ])('refuses the non-global target %s with a 400 naming the url; nothing stored', async (url) => {
    const before = await stored();
    const res = await h.http.post('/api/webhooks').send({ url, scope: 'network' }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/url: .* is not a public address/);
    expect(await stored()).toBe(before);
  });

  it('refuses a user name or password in the URL, so it is never shown to readers of the subscription', async () => {
    for (const url of ['https://alice:s3cret@hooks.example.org/pact', 'https://token@hooks.example.org/pact']) {
      const res = await h.http.post('/api/webhooks').send({ url, scope: 'network' }).expect(400);
      expect(res.body.message).toContain(
        'url: must not contain a user name or password (user:password@…); receivers check the webhook-signature of each delivery instead',
      );
    }
    expect(await stored()).toBe(0);
    expect(JSON.stringify(await h.db.collection('events').find({}).toArray())).not.toContain('s3cret');
    // A public receiver without credentials is fine.
    await h.http.post('/api/webhooks').send({ url: 'https://hooks.example.org/pact', scope: 'network' }).expect(201);
  });
});
