import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * Every kind of bad input gets a clear 4xx naming what is wrong, and changes nothing:
 * the collections hold exactly what they held before the request.
 */
describe('bad input (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 1000 });
  let cycleId: string;
  let taskId: string;

  beforeAll(async () => {
    await h.start();
    // A slow clock (1 day = 1 s) so the task stays open for the whole file.
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Target', groups: ['education'], requestInDays: 0.001, dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
      .expect(201);
    cycleId = res.body.id;
    // Wait for the whole fan-out (the milestone marked requested), so nothing moves during the snapshots.
    await h.waitFor('milestone requested', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
    taskId = (await h.http.get(`/api/cycles/${cycleId}/tasks`)).body[0].id;
    await h.chair('education'); // created now, so the snapshots below do not see its creation
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  async function snapshot() {
    const names = ['cycles', 'tasks', 'submissions', 'events', 'working_groups', 'reports'];
    const out: Record<string, unknown> = {};
    for (const n of names)
      out[n] = await h.db
        .collection(n)
        .find({}, { projection: { recordedAt: 0 } })
        .sort({ _id: 1 })
        .toArray();
    return JSON.stringify(out);
  }

  // Fixed dates a month after the harness's clock anchor (2030-01-01): valid whenever the file runs.
  const validCycle = () => ({
    name: 'Valid',
    start: '2030-02-01T00:00:00.000Z',
    lengthMonths: 12,
    groups: ['education'],
    milestones: [{ key: 'final', title: 'Implementation report', kind: 'final', requestMonth: 1, dueMonth: 2, compileMonth: 3 }],
  });

  type Case = { name: string; method: 'post' | 'patch'; path: () => string; body: unknown; raw?: string; type?: string; status: number; mentions: RegExp };
  const cases: Case[] = [
    { name: 'malformed JSON', method: 'post', path: () => '/api/cycles', body: undefined, raw: '{"name": "x", ', status: 400, mentions: /malformed JSON/ },
    { name: 'unknown top-level field', method: 'post', path: () => '/api/cycles', body: { ...validCycle(), colour: 'red' }, status: 400, mentions: /colour/ },
    {
      name: 'unknown nested field',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), milestones: [{ ...validCycle().milestones[0], owner: 'x' }] },
      status: 400,
      mentions: /milestones\.0\.owner/,
    },
    {
      name: 'wrong type (string for a number)',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), lengthMonths: '24' },
      status: 400,
      mentions: /lengthMonths/,
    },
    { name: 'wrong type (number for a date)', method: 'post', path: () => '/api/cycles', body: { ...validCycle(), start: 12 }, status: 400, mentions: /start/ },
    {
      name: 'milestone after the cycle ends',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), lengthMonths: 1, milestones: [{ key: 'final', title: 'F', kind: 'final', requestMonth: 0, dueMonth: 3, compileMonth: 4 }] },
      status: 400,
      mentions: /milestones\[0\]\.dueAt: is after the cycle ends/,
    },
    {
      name: 'due date before the request date',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), milestones: [{ key: 'final', title: 'F', kind: 'final', requestMonth: 3, dueMonth: 2, compileMonth: 5 }] },
      status: 400,
      mentions: /milestones\[0\]\.dueAt: must be after the request date/,
    },
    {
      name: 'unknown working group',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), groups: ['education', 'astrology'] },
      status: 400,
      mentions: /groups\[1\]: unknown working group "astrology"/,
    },
    {
      name: '$-operator where a string belongs',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), name: { $gt: '' } },
      status: 400,
      mentions: /body\.name\.\$gt/,
    },
    { name: '$where key', method: 'post', path: () => '/api/cycles', body: { ...validCycle(), $where: 'sleep(1000)' }, status: 400, mentions: /\$where/ },
    {
      name: 'prototype pollution key',
      method: 'post',
      path: () => '/api/cycles',
      body: undefined,
      raw: JSON.stringify(validCycle()).replace(/^\{/, '{"__proto__":{"admin":true},'),
      status: 400,
      mentions: /__proto__/,
    },
    {
      name: 'constructor key',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), constructor: { prototype: { x: 1 } } },
      status: 400,
      mentions: /constructor/,
    },
    {
      name: 'oversized body',
      method: 'post',
      path: () => '/api/cycles',
      body: { ...validCycle(), name: 'x'.repeat(100_000) },
      status: 413,
      mentions: /larger than the limit/,
    },
    {
      name: 'form-encoded body',
      method: 'post',
      path: () => '/api/cycles',
      body: undefined,
      raw: 'name=x&start=2030-01-01',
      type: 'application/x-www-form-urlencoded',
      status: 415,
      mentions: /expected application\/json/,
    },
    {
      name: 'submission: unknown field',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: { ...reportFor('education'), attachments: [] },
      status: 400,
      mentions: /attachments/,
    },
    {
      name: 'submission: status off the scale',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: { ...reportFor('education'), measures: [{ title: 'A', status: 'done' }] },
      status: 400,
      mentions: /measures\.0\.status/,
    },
    {
      name: 'submission: $-operator in a measure',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: { ...reportFor('education'), measures: [{ title: { $ne: null }, status: 'planned' }] },
      status: 400,
      mentions: /measures\[0\]\.title\.\$ne/,
    },
    {
      name: 'submission: indicator unit contradicts the template',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: { ...reportFor('education'), indicators: [{ key: 'early-school-leavers', unit: 'pupils', baseline: 12, target: 8, actual: 10 }] },
      status: 400,
      mentions: /indicators\[0\]\.unit: indicator "early-school-leavers" is measured in %/,
    },
    {
      name: 'submission: missing measures',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: { indicators: [] },
      status: 400,
      mentions: /measures/,
    },
    {
      name: 'submission: huge text',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: { ...reportFor('education'), obstacles: ['y'.repeat(5000)] },
      status: 400,
      mentions: /obstacles/,
    },
    {
      name: 'extension: earlier than the current due date',
      method: 'post',
      path: () => `/api/tasks/${taskId}/extensions`,
      body: { dueAt: '2030-01-02T00:00:00.000Z', reason: 'because' },
      status: 400,
      mentions: /dueAt: must be after the current due date/,
    },
    {
      name: 'extension: no reason',
      method: 'post',
      path: () => `/api/tasks/${taskId}/extensions`,
      body: { dueAt: '2031-01-01T00:00:00.000Z' },
      status: 400,
      mentions: /reason/,
    },
    {
      name: 'chair change: invalid e-mail',
      method: 'patch',
      path: () => '/api/working-groups/education',
      body: { chair: { name: 'X', email: 'not-an-email', language: 'en' } },
      status: 400,
      mentions: /chair\.email/,
    },
    {
      name: 'chair change: unsupported language',
      method: 'patch',
      path: () => '/api/working-groups/education',
      body: { chair: { name: 'X', email: 'x@example.org', language: 'tlh' } },
      status: 400,
      mentions: /chair\.language/,
    },
  ];

  it.each(cases)('$name → $status, naming the problem, nothing changed', async (c) => {
    const before = await snapshot();
    const agent = c.path().includes('/submissions') ? await h.chair('education') : h.http;
    let req = agent[c.method](c.path());
    if (c.raw !== undefined) req = req.set('Content-Type', c.type ?? 'application/json').send(c.raw);
    else req = req.send(c.body as object);
    const res = await req;
    expect(res.status).toBe(c.status);
    expect([].concat(res.body.message).join('\n')).toMatch(c.mentions);
    expect(await snapshot()).toBe(before);
  });

  it('an Idempotency-Key starts a cycle once, also when the same request arrives twice at once; a malformed key is a 400 naming it', async () => {
    const body = shortCycle(h, { name: 'Once only', groups: ['sport'], requestInDays: 300, dueAfterDays: 30, compileAfterDays: 60, lengthMonths: 24 });
    const count = async () => (await h.http.get('/api/cycles?limit=100').expect(200)).body.filter((c: { name: string }) => c.name === 'Once only').length;
    const key = 'retry-7f3a:2031.01';
    const [a, b] = await Promise.all([1, 2].map(() => h.http.post('/api/cycles').set('Idempotency-Key', key).send(body).expect(201)));
    expect(a.body.id).toBe(b.body.id);
    const again = await h.http.post('/api/cycles').set('Idempotency-Key', key).send(body).expect(201);
    expect(again.body.id).toBe(a.body.id);
    expect(await count()).toBe(1);
    // Its jobs were scheduled once, by the request that inserted it.
    expect((await h.events(a.body.id, 'cycle.created')).length).toBe(1);
    // The same key with another request is a conflict; another person's same key is their own.
    const changed = await h.http
      .post('/api/cycles')
      .set('Idempotency-Key', key)
      .send({ ...body, name: 'Once only, renamed' })
      .expect(409);
    expect(changed.body.message).toContain('idempotency key');
    const colleague = h.agent(await h.tokenFor(['committee', 'operator']));
    const theirs = await colleague.post('/api/cycles').set('Idempotency-Key', key).send(body).expect(201);
    expect(theirs.body.id).not.toBe(a.body.id);
    await h.http.post(`/api/cycles/${theirs.body.id}/cancel`).send({ reason: 'Idempotency test' }).expect(200);
    const other = await h.http.post('/api/cycles').set('Idempotency-Key', 'another-key').send(body).expect(201);
    expect(other.body.id).not.toBe(a.body.id);
    expect(await count()).toBe(3);
    for (const bad of ['has space', 'x'.repeat(201), 'a/b']) {
      const res = await h.http.post('/api/cycles').set('Idempotency-Key', bad).send(body).expect(400);
      expect(JSON.stringify(res.body)).toContain('Idempotency-Key');
    }
    expect(await count()).toBe(3);
    for (const id of [a.body.id, other.body.id]) await h.http.post(`/api/cycles/${id}/cancel`).send({ reason: 'Idempotency test' }).expect(200);
  });

  it('unknown ids answer 404, malformed ids too', async () => {
    await h.http.get('/api/cycles/000000000000000000000000').expect(404);
    await h.http.get('/api/cycles/not-an-id').expect(404);
    await h.http.get('/api/tasks/123').expect(404);
    await (await h.chair('education')).post('/api/tasks/000000000000000000000000/submissions').send(reportFor('education')).expect(404);
    await h.http.get('/api/working-groups/astrology').expect(404);
    await h.http.get(`/api/cycles/${cycleId}/report`).expect(404);
  });

  it('a cancelled cycle stops its timers and closes submissions (409)', async () => {
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'To cancel', groups: ['sport'], requestInDays: 0.001 }))
      .expect(201);
    // Once the fan-out is over (cancelling during it is safe too: its late timers meet cancelled tasks).
    await h.waitFor('milestone requested', async () => (await h.http.get(`/api/cycles/${res.body.id}`)).body.progress.milestones[0].status === 'requested');
    const task = (await h.http.get(`/api/cycles/${res.body.id}/tasks`)).body[0];
    expect(await h.redis.zcard(`${h.prefix}:deadlines:delayed`)).toBeGreaterThan(0);
    const cancelled = await h.http.post(`/api/cycles/${res.body.id}/cancel`).send({ reason: 'Pact restructured' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await h.http.post(`/api/cycles/${res.body.id}/cancel`).send({}).expect(409);
    await (await h.chair('sport')).post(`/api/tasks/${task.id}/submissions`).send(reportFor('sport')).expect(409);
    const view = (await h.http.get(`/api/tasks/${task.id}`)).body;
    expect(view.task.status).toBe('cancelled');
    const ids = await h.redis.zrange(`${h.prefix}:deadlines:delayed`, 0, -1);
    expect(ids.filter((id) => id.includes(task.id))).toEqual([]);
    expect(await h.redis.zrange(`${h.prefix}:cycles:delayed`, 0, -1)).not.toContain(`compile-${res.body.id}-final`);
  });

  it('cancelling a cycle before its first request removes the request and compile jobs', async () => {
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Cancelled early', groups: ['sport'], requestInDays: 100 }))
      .expect(201);
    const delayed = () => h.redis.zrange(`${h.prefix}:cycles:delayed`, 0, -1);
    expect(await delayed()).toEqual(expect.arrayContaining([`fanout-${res.body.id}-final`, `compile-${res.body.id}-final`]));
    await h.http.post(`/api/cycles/${res.body.id}/cancel`).send({}).expect(200);
    expect((await delayed()).filter((id) => id.includes(res.body.id))).toEqual([]);
  });

  it('lists cycles and shows progress by state', async () => {
    const list = (await h.http.get('/api/cycles?limit=10').expect(200)).body;
    expect(list.map((c: any) => c.id)).toContain(cycleId);
    const one = (await h.http.get(`/api/cycles/${cycleId}`).expect(200)).body;
    expect(one.progress.tasksByStatus.open).toBe(1);
    expect(one.progress.milestones[0].status).toBe('requested');
    await h.http.get('/api/cycles?limit=abc').expect(400);
    await h.http.get('/api/cycles?status=sleeping').expect(400);
  });
});
