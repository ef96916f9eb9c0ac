import { getMetadataStorage } from 'class-validator';
import { ApiModule } from '../apps/api/src/api.module';
import { API_HTTP_MODULES } from '../apps/api/src/http/api-routes';
import { queryOperations } from '../apps/api/src/http/openapi';
import type TestAgent from 'supertest/lib/agent';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

type Who = 'none' | 'committee' | 'chair' | 'otherChair' | 'operator';

/**
 * Who may do what, over HTTP: every row of the role × endpoint matrix, the chair's inbox, the
 * queue dashboard's protection, token revocation and expiry, rate limits and hardening headers.
 */
describe('access control (e2e)', () => {
  // 200 ms a day: the Matrix task stays open (due in 400 days, 80 s) however slowly the matrix runs.
  const h = new EngineHarness({ msPerDay: 200 });
  const as = {} as Record<Who, TestAgent>;
  const tokens = {} as Record<Who, string>;
  let cycleId: string;
  let eduTask: string;
  /** The education task of a cycle due years from now (the matrix cycle's due date passes during the test at 20 ms a day). */
  let laterTask: string;
  let laterCycle: string;

  beforeAll(async () => {
    await h.start();
    tokens.committee = h.committeeToken;
    tokens.chair = await h.tokenFor(['chair'], ['education']);
    tokens.otherChair = await h.tokenFor(['chair'], ['sport']);
    tokens.operator = await h.tokenFor(['operator']);
    for (const w of ['committee', 'chair', 'otherChair', 'operator'] as Who[]) as[w] = h.agent(tokens[w]);
    as.none = h.agent();
    const c = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Matrix', groups: ['education', 'sport'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
      .expect(201);
    cycleId = c.body.id;
    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
    eduTask = (await h.http.get(`/api/cycles/${cycleId}/tasks?group=education`)).body[0].id;
    laterCycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Matrix, later', groups: ['education'], dueAfterDays: 3000, compileAfterDays: 3100, lengthMonths: 120 }))
        .expect(201)
    ).body.id;
    laterTask = await h.waitFor('the later task', async () => (await h.http.get(`/api/cycles/${laterCycle}/tasks`)).body[0]?.id);
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  const laterTaskNow = async () => (await h.http.get(`/api/tasks/${laterTask}`).expect(200)).body.task;
  /** 50 days after the later task's due date: a date the committee could grant. */
  const laterDate = async () => new Date(new Date((await laterTaskNow()).dueAt).getTime() + 50 * 86_400_000).toISOString();
  /** The later task's request waiting for a decision (made in the row before), or an id of none once decided. */
  const pendingRequestId = async () => (await laterTaskNow()).pendingExtensionRequestId ?? 'ffffffffffffffffffffffff';
  const futureCycle = () => ({ name: 'Later', start: new Date(h.clock.now().getTime() + 400 * 86_400_000).toISOString(), groups: ['education'] });
  type Row = { what: string; call: (a: TestAgent) => any; expect: Record<Who, number> };
  const rows: Row[] = [
    { what: 'GET /health', call: (a) => a.get('/health'), expect: { none: 200, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    { what: 'GET /health/live', call: (a) => a.get('/health/live'), expect: { none: 200, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    { what: 'GET /health/ready', call: (a) => a.get('/health/ready'), expect: { none: 200, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    { what: 'GET /metrics', call: (a) => a.get('/metrics'), expect: { none: 401, committee: 403, chair: 403, otherChair: 403, operator: 200 } },
    {
      what: 'GET /working-groups',
      call: (a) => a.get('/api/working-groups'),
      expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 },
    },
    {
      what: 'PATCH /working-groups/:key',
      call: (a) => a.patch('/api/working-groups/education').send({ goal: 'A fair chance for every child.' }),
      expect: { none: 401, committee: 200, chair: 403, otherChair: 403, operator: 403 },
    },
    {
      what: 'POST /cycles',
      call: (a) => a.post('/api/cycles').send(futureCycle()),
      expect: { none: 401, committee: 201, chair: 403, otherChair: 403, operator: 403 },
    },
    { what: 'GET /cycles', call: (a) => a.get('/api/cycles'), expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    {
      what: 'GET /cycles/:id',
      call: (a) => a.get(`/api/cycles/${cycleId}`),
      expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 },
    },
    {
      what: 'GET /cycles/:id/tasks',
      call: (a) => a.get(`/api/cycles/${cycleId}/tasks`),
      expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 },
    },
    {
      what: 'GET /cycles/:id/events',
      call: (a) => a.get(`/api/cycles/${cycleId}/events`),
      expect: { none: 401, committee: 200, chair: 403, otherChair: 403, operator: 200 },
    },
    { what: 'GET /tasks/:id', call: (a) => a.get(`/api/tasks/${eduTask}`), expect: { none: 401, committee: 200, chair: 200, otherChair: 404, operator: 200 } },
    {
      what: 'POST /tasks/:id/extension-requests',
      call: async (a) => a.post(`/api/tasks/${laterTask}/extension-requests`).send({ proposedDueAt: await laterDate(), reason: 'Council elections' }),
      expect: { none: 401, committee: 403, chair: 201, otherChair: 404, operator: 403 },
    },
    {
      what: 'GET /extension-requests',
      call: (a) => a.get('/api/extension-requests?status=pending'),
      expect: { none: 401, committee: 200, chair: 403, otherChair: 403, operator: 200 },
    },
    {
      what: 'POST /tasks/:id/extension-requests/:requestId/decision',
      call: async (a) =>
        a.post(`/api/tasks/${laterTask}/extension-requests/${await pendingRequestId()}/decision`).send({ grant: false, reason: 'Needed on time' }),
      expect: { none: 401, committee: 200, chair: 403, otherChair: 403, operator: 403 },
    },
    {
      what: 'POST /tasks/:id/submissions',
      call: (a) => a.post(`/api/tasks/${eduTask}/submissions`).send(reportFor('education')),
      expect: { none: 401, committee: 403, chair: 201, otherChair: 404, operator: 403 },
    },
    {
      what: 'POST /users',
      call: (a) => a.post('/api/users').send({ name: 'New', email: `new.${Math.random().toString(36).slice(2)}@example.org`, roles: ['operator'] }),
      expect: { none: 401, committee: 201, chair: 403, otherChair: 403, operator: 403 },
    },
    { what: 'GET /users', call: (a) => a.get('/api/users'), expect: { none: 401, committee: 200, chair: 403, otherChair: 403, operator: 200 } },
    { what: 'GET /me', call: (a) => a.get('/api/me'), expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    { what: 'GET /me/tasks', call: (a) => a.get('/api/me/tasks'), expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    { what: 'GET /indicators', call: (a) => a.get('/api/indicators'), expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    {
      what: 'GET /indicators/:code/series (education)',
      call: (a) => a.get('/api/indicators/education.early-school-leavers/series?participant=education'),
      expect: { none: 401, committee: 200, chair: 200, otherChair: 404, operator: 200 },
    },
    {
      what: 'GET /indicators/:code/peers',
      call: (a) => a.get(`/api/indicators/education.early-school-leavers/peers?period=${cycleId}-final`),
      expect: { none: 401, committee: 200, chair: 403, otherChair: 403, operator: 200 },
    },
    {
      what: 'POST /webhooks (group education)',
      call: (a) => a.post('/api/webhooks').send({ url: 'http://127.0.0.1:9/hook', scope: 'group', groupKey: 'education' }),
      expect: { none: 401, committee: 201, chair: 201, otherChair: 403, operator: 403 },
    },
    {
      what: 'POST /webhooks (network)',
      call: (a) => a.post('/api/webhooks').send({ url: 'http://127.0.0.1:9/hook', scope: 'network' }),
      expect: { none: 401, committee: 201, chair: 403, otherChair: 403, operator: 403 },
    },
    { what: 'GET /webhooks', call: (a) => a.get('/api/webhooks'), expect: { none: 401, committee: 200, chair: 200, otherChair: 200, operator: 200 } },
    { what: 'GET /deliveries', call: (a) => a.get('/api/deliveries'), expect: { none: 401, committee: 200, chair: 403, otherChair: 403, operator: 200 } },
    { what: 'POST /me/calendar', call: (a) => a.post('/api/me/calendar'), expect: { none: 401, committee: 403, chair: 201, otherChair: 201, operator: 403 } },
  ];
  const cases = rows.flatMap((r) => (Object.keys(r.expect) as Who[]).map((who) => ({ what: r.what, who, status: r.expect[who], call: r.call })));

  it.each(cases)('$what as $who → $status', async ({ who, status, call }) => {
    const res = await call(as[who]);
    expect(res.status).toBe(status);
    if (status === 401) expect(res.headers['www-authenticate']).toMatch(/Bearer/);
  });

  it('a request of a cancelled cycle waits for nobody: the committee’s list drops it', async () => {
    await as.chair
      .post(`/api/tasks/${laterTask}/extension-requests`)
      .send({ proposedDueAt: await laterDate(), reason: 'Council elections' })
      .expect(201);
    expect((await as.operator.get('/api/extension-requests').expect(200)).body.map((r: any) => r.taskId)).toEqual([laterTask]);
    await as.committee.post(`/api/cycles/${laterCycle}/cancel`).send({ reason: 'only for the matrix' }).expect(200);
    expect((await as.operator.get('/api/extension-requests').expect(200)).body).toEqual([]);
    await as.chair
      .post(`/api/tasks/${laterTask}/extension-requests`)
      .send({ proposedDueAt: await laterDate(), reason: 'Again' })
      .expect(409);
  });

  it('extending and cancelling are the committee’s, and every change names its actor', async () => {
    const body = { dueAt: new Date(h.clock.now().getTime() + 450 * 86_400_000).toISOString(), reason: 'New chair' };
    for (const who of ['chair', 'otherChair', 'operator'] as Who[]) await as[who].post(`/api/tasks/${eduTask}/extensions`).send(body).expect(403);
    await as.none.post(`/api/tasks/${eduTask}/extensions`).send(body).expect(401);
    const other = (await h.http.post('/api/cycles').send(futureCycle()).expect(201)).body.id;
    for (const who of ['chair', 'operator'] as Who[]) await as[who].post(`/api/cycles/${other}/cancel`).send({}).expect(403);
    await as.committee.post(`/api/cycles/${other}/cancel`).send({ reason: 'duplicate' }).expect(200);
    const events = await h.db
      .collection('events')
      .find({ type: { $in: ['cycle.cancelled', 'submission.received', 'user.created', 'working-group.goal-changed'] } })
      .toArray();
    const actor = (type: string) => events.find((e) => e.type === type)?.actor;
    expect(actor('cycle.cancelled')).toBe('committee:committee@test.example.org');
    expect(actor('submission.received')).toBe('chair:chair.education@test.example.org');
    expect(events.filter((e) => e.type === 'user.created').map((e) => e.actor)).toEqual(
      expect.arrayContaining(['bootstrap', 'committee:committee@test.example.org']),
    );
    expect(actor('working-group.goal-changed')).toBe('committee:committee@test.example.org');
  });

  it('a chair lists only their own groups’ tasks', async () => {
    const mine = (await as.chair.get(`/api/cycles/${cycleId}/tasks`).expect(200)).body;
    expect(mine.map((t: any) => t.groupKey)).toEqual(['education']);
    expect((await as.chair.get(`/api/cycles/${cycleId}/tasks?group=sport`).expect(200)).body).toEqual([]);
    expect((await as.committee.get(`/api/cycles/${cycleId}/tasks`).expect(200)).body).toHaveLength(2);
  });

  it('the chair’s inbox shows open work with due date, days left, escalation level and last reminder', async () => {
    const daysTo = (iso: string) => (new Date(iso).getTime() - h.clock.now().getTime()) / 86_400_000;
    const sportTask = (await h.http.get(`/api/cycles/${cycleId}/tasks?group=sport`)).body[0];
    const most = Math.ceil(daysTo(sportTask.dueAt));
    const inbox = (await as.otherChair.get('/api/me/tasks').expect(200)).body;
    const least = Math.floor(daysTo(sportTask.dueAt));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      groupKey: 'sport',
      status: 'open',
      escalationLevel: 0,
      lastReminderAt: null,
      cycleName: 'Matrix',
      milestoneTitle: 'Implementation report',
    });
    // Days left counted on the engine's clock at the moment of the request.
    expect(inbox[0].daysLeft).toBeGreaterThanOrEqual(least);
    expect(inbox[0].daysLeft).toBeLessThanOrEqual(most);
    expect(new Date(inbox[0].dueAt).toISOString()).toBe(new Date(sportTask.dueAt).toISOString());
    expect((await as.otherChair.get('/api/me/tasks?status=overdue').expect(200)).body).toEqual([]);
    const soon = new Date(h.clock.now().getTime() + 10 * 86_400_000).toISOString();
    expect((await as.otherChair.get(`/api/me/tasks?dueBefore=${encodeURIComponent(soon)}`).expect(200)).body).toEqual([]);
    await as.otherChair.get('/api/me/tasks?status=lost').expect(400);
    // education was submitted in the matrix: nothing left in its chair's inbox.
    expect((await as.chair.get('/api/me/tasks').expect(200)).body).toEqual([]);
    expect((await as.committee.get('/api/me/tasks').expect(200)).body).toEqual([]);
  });

  it('the queue dashboard is for operators only, by bearer token or Basic login', async () => {
    const anon = await as.none.get('/admin/queues');
    expect(anon.status).toBe(401);
    expect(anon.headers['www-authenticate']).toMatch(/^Basic/);
    await as.committee.get('/admin/queues').expect(403);
    await as.chair.get('/admin/queues').expect(403);
    const page = await as.operator.get('/admin/queues').expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
    const basic = Buffer.from(`operator:${tokens.operator}`).toString('base64');
    await h.agent().get('/admin/queues').set('Authorization', `Basic ${basic}`).expect(200);
    await h
      .agent()
      .get('/admin/queues')
      .set('Authorization', `Basic ${Buffer.from('x:pact_wrong').toString('base64')}`)
      .expect(401);
    const api = await as.operator.get('/admin/queues/api/queues').expect(200);
    expect(api.body.queues.map((q: any) => q.name).sort()).toEqual(['cycles', 'deadlines', 'maintenance', 'notifications']);
    await as.none.get('/admin/queues/api/queues').expect(401);
    await as.chair.get('/admin/queues/api/queues').expect(403);
    // Operators may retry and clean; nobody else reaches those actions.
    await as.committee.put('/admin/queues/api/queues/maintenance/clean/completed').expect(403);
    await as.none.put('/admin/queues/api/queues/deadlines/retry/failed').expect(401);
    await as.operator.put('/admin/queues/api/queues/maintenance/clean/completed').expect(200);
    await as.operator.put('/admin/queues/api/queues/deadlines/retry/failed').expect(200);
  });

  it('revoked and expired tokens stop working; a chair cannot revoke someone else’s token', async () => {
    const token = await h.tokenFor(['chair'], ['security']);
    const me = (await h.agent(token).get('/api/me').expect(200)).body;
    const listed = (await h.http.get(`/api/users/${me.id}/tokens`).expect(200)).body;
    expect(listed[0]).not.toHaveProperty('hash');
    expect(listed[0].hint).toBe(token.slice(0, 10));
    await as.chair.delete(`/api/tokens/${listed[0].id}`).expect(404);
    await h.agent(token).delete(`/api/tokens/${listed[0].id}`).expect(204);
    await h.agent(token).get('/api/me').expect(401);

    const expiring = (await h.http.post(`/api/users/${me.id}/tokens`).send({ name: 'short', expiresInDays: 1 }).expect(201)).body;
    await h.agent(expiring.token).get('/api/me').expect(200);
    await h.db.collection('api_tokens').updateOne({ hint: expiring.token.slice(0, 10) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await h.agent(expiring.token).get('/api/me').expect(401);
    // Only the hash is stored.
    const stored = await h.db.collection('api_tokens').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(expiring.token);
  });

  it('hostile input in authenticated requests gets a clear 4xx and changes nothing', async () => {
    const before = await h.db.collection('users').countDocuments();
    const hostile: [string, () => any, number, RegExp][] = [
      ['$gt in an e-mail', () => as.committee.post('/api/users').send({ name: 'X', email: { $gt: '' }, roles: ['operator'] }), 400, /email\.\$gt/],
      [
        '__proto__ in a user',
        () =>
          as.committee
            .post('/api/users')
            .set('Content-Type', 'application/json')
            .send('{"name":"X","email":"x@example.org","roles":["operator"],"__proto__":{"roles":["committee"]}}'),
        400,
        /__proto__/,
      ],
      ['unknown role', () => as.committee.post('/api/users').send({ name: 'X', email: 'x@example.org', roles: ['admin'] }), 400, /roles/],
      ['chair without a group', () => as.committee.post('/api/users').send({ name: 'X', email: 'x@example.org', roles: ['chair'] }), 400, /groupKeys/],
      ['huge name', () => as.committee.post('/api/users').send({ name: 'x'.repeat(10_000), email: 'x@example.org', roles: ['operator'] }), 400, /name/],
      ['text body', () => as.committee.post('/api/users').set('Content-Type', 'text/plain').send('name=X'), 415, /application\/json/],
      ['$where in a submission', () => as.chair.post(`/api/tasks/${eduTask}/submissions`).send({ ...reportFor('education'), $where: '1' }), 400, /\$where/],
      ['garbage bearer token', () => h.agent().get('/api/cycles').set('Authorization', 'Bearer {"$ne":null}'), 401, /token/],
    ];
    for (const [name, call, status, mentions] of hostile) {
      const res = await call();
      expect([name, res.status]).toEqual([name, status]);
      expect([name, JSON.stringify(res.body.message)]).toEqual([name, expect.stringMatching(mentions)]);
    }
    expect(await h.db.collection('users').countDocuments()).toBe(before);
  });

  it('sends hardening headers and no CORS permission by default; OpenAPI documents every endpoint', async () => {
    const res = await as.committee.get('/api/cycles').set('Origin', 'https://evil.example.com').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await h.agent().options('/api/cycles').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();

    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    for (const path of [
      '/cycles',
      '/cycles/{id}',
      '/cycles/{id}/cancel',
      '/cycles/{id}/report',
      '/tasks/{id}',
      '/tasks/{id}/submissions',
      '/tasks/{id}/extensions',
      '/tasks/{id}/extension-requests',
      '/tasks/{id}/extension-requests/{requestId}/decision',
      '/extension-requests',
      '/working-groups/{key}',
      '/users',
      '/me/tasks',
      '/webhooks',
      '/webhooks/{id}/resume',
      '/deliveries',
      '/deliveries/{id}/retry',
      '/me/calendar',
      '/indicators',
      '/indicators/{code}/series',
      '/indicators/{code}/peers',
      '/history',
    ]) {
      expect(doc.paths).toHaveProperty([`/api${path}`]);
    }
    // Health and the calendar feed stay at the root; the document names the server they are on; no page is in it.
    expect(doc.paths).toHaveProperty(['/health']);
    expect(doc.paths).toHaveProperty(['/health/live']);
    expect(doc.paths).toHaveProperty(['/health/ready']);
    expect(doc.paths).toHaveProperty(['/calendar/{file}']);
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/') && !/^\/health(\/(live|ready))?$/.test(p) && !p.startsWith('/calendar/'))).toEqual([]);
    expect(doc.servers).toEqual([{ url: h.env.PUBLIC_URL ?? 'http://localhost:3000' }]);
    const create = doc.components.schemas.CreateCycleDto;
    expect(create.properties.lengthMonths).toMatchObject({ minimum: 1, maximum: 120 });
    expect(create.required).toEqual(expect.arrayContaining(['name', 'start']));
    expect(doc.components.schemas.MeasureDto.properties.status.enum).toEqual(['not-started', 'planned', 'in-progress', 'implemented', 'discontinued']);
    expect(doc.paths['/api/cycles'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateCycleDto');
    expect(doc.components.schemas.CreateWebhookDto.properties.scope.enum).toEqual(['group', 'user', 'network']);
    expect((await h.agent().get('/api/docs').expect(200)).text).toMatch(/swagger/i);
  });

  it("documents every query DTO's fields as query parameters of its operation, with their rules", async () => {
    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    const byId = new Map<string, any>();
    for (const item of Object.values<any>(doc.paths)) for (const op of Object.values<any>(item)) byId.set(op.operationId, op);
    const operations = queryOperations([ApiModule, ...API_HTTP_MODULES]);
    // cycles, tasks, events, report, publish, versions, compare, extension requests, my tasks, webhooks, deliveries
    expect(operations.length).toBeGreaterThanOrEqual(11);
    for (const { operationId, dto } of operations) {
      const fields = [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(dto, '', true, false)
            .map((m) => m.propertyName),
        ),
      ].sort();
      const op = byId.get(operationId);
      const documented = (op?.parameters ?? [])
        .filter((p: any) => p.in === 'query')
        .map((p: any) => p.name)
        .sort();
      expect({ operationId, documented }).toEqual({ operationId, documented: fields });
    }
    const param = (path: string, name: string) => doc.paths[path].get.parameters.find((p: any) => p.in === 'query' && p.name === name);
    expect(param('/api/cycles/{id}/report', 'format')).toMatchObject({ required: false, schema: { enum: ['json', 'markdown', 'html', 'csv', 'pdf'] } });
    expect(param('/api/cycles/{id}/tasks', 'status')).toMatchObject({ schema: { enum: ['open', 'overdue', 'submitted', 'cancelled'] } });
    expect(param('/api/cycles', 'limit').schema).toMatchObject({ minimum: 1 });
    expect(param('/api/cycles/{id}/report', 'milestone').schema.pattern).toBeDefined();
  });

  it("answers every error as Problem Details (RFC 9457) with the field list, and documents each operation's error answers", async () => {
    const bad = await as.committee.post('/api/cycles').send({ name: 'x', start: 'not a date' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, statusCode: 400 });
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'start' })]));
    expect(bad.body.detail).toContain('start: ');
    const missing = await as.committee.get('/api/tasks/65f1a2b3c4d5e6f708192a3b');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found', type: 'about:blank' });
    const anonymous = await h.agent().get('/api/cycles');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);

    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    const ref = '#/components/schemas/ProblemDetails';
    expect(doc.components.schemas.ProblemDetails.properties).toHaveProperty('errors');
    let operations = 0;
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        operations++;
        const errors = Object.entries<any>(op.responses).filter(([status]) => Number(status) >= 400);
        expect({ path, method, documented: errors.length > 0 }).toEqual({ path, method, documented: true });
        if (!path.startsWith('/health')) for (const [, r] of errors) expect(r.content['application/problem+json'].schema.$ref).toBe(ref);
        const statuses = errors.map(([status]) => Number(status));
        if (op.security?.length === 0) expect(statuses).not.toContain(401);
        else expect(statuses).toEqual(expect.arrayContaining([401, 429]));
        if (op.requestBody) expect(statuses).toEqual(expect.arrayContaining([400, 413, 415]));
        if (/\{(id|key|n|file)\}/.test(path) && method !== 'post')
          expect({ path, method, statuses }).toEqual({ path, method, statuses: expect.arrayContaining([404]) });
      }
    }
    expect(operations).toBeGreaterThanOrEqual(37);
    expect(Object.keys(doc.paths['/api/cycles'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413', '415', '429', '503']));
    for (const probe of ['/health', '/health/live', '/health/ready']) expect(doc.paths[probe].get.security).toEqual([]);
  });
});

describe('rate limits (e2e)', () => {
  const h = new EngineHarness({ worker: false, rateLimitPerMinute: 15 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  it('answers 429 once a token exceeds its limit, without touching other tokens', async () => {
    const operator = h.agent(await h.tokenFor(['operator']));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await operator.get('/api/working-groups')).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
    await h
      .agent(await h.tokenFor(['chair'], ['sport']))
      .get('/api/working-groups')
      .expect(200);
  });
});
