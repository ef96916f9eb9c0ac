import type TestAgent from 'supertest/lib/agent';
import { MailSink, WebhookReceiver } from '../apps/demo/src/delivery-sinks';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';
import { signInOverHttp } from './support/web';

/**
 * Extension requests over HTTP against the real API, worker, MongoDB-wire server, Redis and an
 * SMTP server: a chair asks, the committee is e-mailed and lists what waits, refuses (the chair is
 * e-mailed, the date stays) or grants (the date and every timer move); webhook subscribers get
 * the new kinds; bad input is a 400 naming the field and changes nothing.
 */
describe('extension requests (e2e)', () => {
  const sink = new MailSink();
  const hooks = new WebhookReceiver();
  let h: EngineHarness;
  let chair: TestAgent;
  let cycleId: string;
  let taskId: string;
  let compileAt: Date;
  const chairEmail = 'chair.education@pact.example.eu';

  const task = async () => (await h.http.get(`/api/tasks/${taskId}`).expect(200)).body.task;
  const days = (n: number, from = h.clock.now()) => new Date(from.getTime() + n * 86_400_000).toISOString();

  beforeAll(async () => {
    await sink.start();
    await hooks.start();
    // Slow cycle time (1 s per day) and a due date far off: no timer fires while the test runs.
    h = new EngineHarness({ msPerDay: 1000, env: { ...sink.env() } });
    await h.start();
    chair = await h.chair('education');
    await h.http
      .post('/api/webhooks')
      .send({ url: hooks.url('/requests'), scope: 'network', kinds: ['extension-requested', 'extension-refused', 'extended'] })
      .expect(201);
    const c = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Requests',
            groups: ['education', 'sport'],
            requestInDays: 0.01,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
            reminders: [],
          }),
        )
        .expect(201)
    ).body;
    cycleId = c.id;
    compileAt = new Date(c.milestones[0].compileAt);
    taskId = await h.waitFor('the education task', async () => (await h.http.get(`/api/cycles/${cycleId}/tasks?group=education`)).body[0]?.id);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await hooks.stop();
    await sink.stop();
  }, 60_000);

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const before = await task();
    const cases: [string, object, RegExp][] = [
      ['no date', { reason: 'Elections in March' }, /proposedDueAt/],
      ['not a date', { proposedDueAt: 'next Tuesday', reason: 'Elections in March' }, /proposedDueAt/],
      ['no reason', { proposedDueAt: days(340) }, /reason/],
      ['reason too short', { proposedDueAt: days(340), reason: 'x' }, /reason/],
      ['reason too long', { proposedDueAt: days(340), reason: 'x'.repeat(2001) }, /reason/],
      ['unknown field', { proposedDueAt: days(340), reason: 'Elections', dueAt: days(340) }, /dueAt/],
      ['earlier than the due date', { proposedDueAt: days(5), reason: 'Elections' }, /proposedDueAt: must be after the current due date/],
      [
        'after the compilation date',
        { proposedDueAt: new Date(compileAt.getTime() + 86_400_000).toISOString(), reason: 'Elections' },
        /proposedDueAt: must not be after the milestone's compilation date/,
      ],
      ['$-key', { proposedDueAt: days(340), reason: 'Elections', $set: { x: 1 } }, /\$set/],
    ];
    for (const [name, body, mentions] of cases) {
      const res = await chair.post(`/api/tasks/${taskId}/extension-requests`).send(body);
      expect([name, res.status]).toEqual([name, 400]);
      expect([name, JSON.stringify(res.body.message)]).toEqual([name, expect.stringMatching(mentions)]);
    }
    await chair
      .post('/api/tasks/not-an-id/extension-requests')
      .send({ proposedDueAt: days(340), reason: 'Elections' })
      .expect(404);
    const after = await task();
    expect(after.extensionRequests).toBeUndefined();
    expect(after.outbox ?? []).toEqual([]);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await h.db.collection('events').countDocuments({ type: 'extension.requested' })).toBe(0);
  });

  it('a chair asks; the committee is e-mailed, webhooks hear it, the request is listed; a second one waits its turn', async () => {
    const proposed = days(345);
    const res = await chair.post(`/api/tasks/${taskId}/extension-requests`).send({ proposedDueAt: proposed, reason: 'Council elections in March' }).expect(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      reason: 'Council elections in March',
      requestedBy: 'chair:chair.education@test.example.org',
      proposedDueAt: proposed,
    });
    expect(res.body.id).toMatch(/^[0-9a-f]{24}$/);
    await chair
      .post(`/api/tasks/${taskId}/extension-requests`)
      .send({ proposedDueAt: days(350), reason: 'And more' })
      .expect(409);

    const stored = await task();
    expect(stored.pendingExtensionRequestId).toBe(res.body.id);
    expect(stored.extensionRequests).toHaveLength(1);
    expect(await h.db.collection('events').countDocuments({ taskId, type: 'extension.requested' })).toBe(1);

    const mail = await h.waitFor('the committee e-mail', async () =>
      sink.to('steering-committee@pact.example.eu').find((m) => m.headers.get('x-pact-kind') === 'extension-requested'),
    );
    expect(mail.subject).toBe('[European Pact for Integration] Extension requested: Implementation report — Integration through education');
    expect(mail.text).toContain('Reason: Council elections in March');
    expect(mail.text).toContain('Asked by: chair.education@test.example.org');
    expect(mail.text).toContain(`/tasks/${taskId}`);
    // The committee decides on its page of the cycle's requests; no link in it reaches the API.
    expect(mail.text).toContain(`/cycles/${cycleId}/extension-requests`);
    expect(mail.text).not.toContain('/api/');

    const hook = await h.waitFor('the webhook', async () => hooks.at('/requests').find((r) => r.headers['x-pact-event'] === 'extension-requested'));
    const event = JSON.parse(hook.body);
    expect(event).toMatchObject({
      type: 'extension-requested',
      task: { id: taskId, groupKey: 'education' },
      data: { requestId: res.body.id, proposedDueAt: proposed, reason: 'Council elections in March' },
    });

    const list = (await h.http.get('/api/extension-requests?status=pending').expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({
        id: res.body.id,
        taskId,
        cycleId,
        cycleName: 'Requests',
        milestoneTitle: 'Implementation report',
        groupKey: 'education',
        fieldOfAction: 'Integration through education',
        status: 'pending',
        proposedDueAt: proposed,
      }),
    ]);
    expect((await h.http.get(`/api/extension-requests?cycleId=${cycleId}`).expect(200)).body).toHaveLength(1);
    expect((await h.http.get('/api/extension-requests?cycleId=65f1a2b3c4d5e6f708192a3b').expect(200)).body).toEqual([]);
    await h.http.get('/api/extension-requests?status=granted').expect(400);
    await h.http.get('/api/extension-requests?cycleId=nope').expect(400);
  });

  it('the committee refuses with a reason: the date stays, the chair is e-mailed, a second decision is a conflict', async () => {
    const before = await task();
    const requestId = before.pendingExtensionRequestId;
    const url = `/api/tasks/${taskId}/extension-requests/${requestId}/decision`;
    for (const [body, mentions] of [
      [{ grant: false }, /reason/],
      [{ grant: 'no', reason: 'Needed in March' }, /grant/],
      [{ grant: false, reason: 'Needed in March', dueAt: days(340) }, /dueAt: only a grant/],
      [{ grant: true, reason: 'Fine', dueAt: 'soon' }, /dueAt/],
      [{ grant: true, reason: 'Fine', dueAt: days(1) }, /dueAt: must be after the current due date/],
    ] as [object, RegExp][]) {
      const res = await h.http.post(url).send(body);
      expect([body, res.status]).toEqual([body, 400]);
      expect(JSON.stringify(res.body.message)).toMatch(mentions);
    }
    await h.http.post(`/api/tasks/${taskId}/extension-requests/ffffffffffffffffffffffff/decision`).send({ grant: false, reason: 'No way' }).expect(404);
    expect((await task()).pendingExtensionRequestId).toBe(requestId);

    const decided = (await h.http.post(url).send({ grant: false, reason: 'The report is needed for the March meeting' }).expect(200)).body;
    expect(decided.request).toMatchObject({
      id: requestId,
      status: 'refused',
      decidedBy: 'committee:committee@test.example.org',
      decisionReason: 'The report is needed for the March meeting',
    });
    await h.http.post(url).send({ grant: true, reason: 'Changed our minds' }).expect(409);

    const after = await task();
    expect(after.dueAt).toBe(before.dueAt);
    expect(after.dueVersion).toBe(0);
    expect(after.pendingExtensionRequestId).toBeUndefined();
    const mail = await h.waitFor('the refusal e-mail', async () => sink.to(chairEmail).find((m) => m.headers.get('x-pact-kind') === 'extension-refused'));
    // The chair of education reads German (config/programmes/pact.yaml).
    expect(mail.subject).toBe('[Europäischer Integrationspakt] Fristverlängerung nicht gewährt: Umsetzungsbericht — Integration durch Bildung');
    expect(mail.text).toContain('Begründung: The report is needed for the March meeting');
    await h.waitFor('the refusal webhook', async () => hooks.at('/requests').find((r) => r.headers['x-pact-event'] === 'extension-refused'));
    const refused = await h.db.collection('events').findOne({ taskId, type: 'extension.refused' });
    expect(refused).toMatchObject({ actor: 'committee:committee@test.example.org', data: { requestId, reason: 'The report is needed for the March meeting' } });
    expect((await h.http.get('/api/extension-requests').expect(200)).body).toEqual([]);
  });

  it('the committee grants a new request: the due date and every timer move, extension.granted is recorded, the chair hears "extended"', async () => {
    const proposed = days(340);
    const requestId = (await chair.post(`/api/tasks/${taskId}/extension-requests`).send({ proposedDueAt: proposed, reason: 'Data arrives late' }).expect(201))
      .body.id;
    const decided = (
      await h.http
        .post(`/api/tasks/${taskId}/extension-requests/${requestId}/decision`)
        .send({ grant: true, reason: 'Granted: data from the statistics office' })
        .expect(200)
    ).body;
    expect(decided.request).toMatchObject({ status: 'granted', grantedDueAt: proposed });
    expect(decided.task).toMatchObject({ dueAt: proposed, dueVersion: 1, status: 'open' });
    expect(decided.task.extensions).toEqual([expect.objectContaining({ requestId, to: proposed, reason: 'Granted: data from the statistics office' })]);

    // The new date's overdue timer is in Redis, the old one is gone.
    const queue = `${h.prefix}:deadlines`;
    expect(await h.redis.exists(`${queue}:overdue-${taskId}-v1`)).toBe(1);
    expect(await h.redis.exists(`${queue}:overdue-${taskId}-v0`)).toBe(0);
    const types = (
      await h.db
        .collection('events')
        .find({ taskId, type: { $in: ['task.extended', 'extension.granted'] } })
        .toArray()
    )
      .map((e) => e.type)
      .sort();
    expect(types).toEqual(['extension.granted', 'task.extended']);
    const mail = await h.waitFor('the extended e-mail', async () => sink.to(chairEmail).find((m) => m.headers.get('x-pact-kind') === 'extended'));
    expect(mail.text).toContain('Granted: data from the statistics office');
    expect((await task()).outbox ?? []).toEqual([]);
  });

  it('only the chair of the task’s group asks, only the committee decides', async () => {
    const other = await h.chair('sport');
    await other
      .post(`/api/tasks/${taskId}/extension-requests`)
      .send({ proposedDueAt: days(342), reason: 'Not mine' })
      .expect(404);
    const operator = h.agent(await h.tokenFor(['operator']));
    await operator
      .post(`/api/tasks/${taskId}/extension-requests`)
      .send({ proposedDueAt: days(342), reason: 'Not mine' })
      .expect(403);
    await operator.get('/api/extension-requests').expect(200);
    await chair.get('/api/extension-requests').expect(403);
    const requestId = (
      await chair
        .post(`/api/tasks/${taskId}/extension-requests`)
        .send({ proposedDueAt: days(342), reason: 'Once more' })
        .expect(201)
    ).body.id;
    await chair.post(`/api/tasks/${taskId}/extension-requests/${requestId}/decision`).send({ grant: true, reason: 'Self-service' }).expect(403);
    await operator.post(`/api/tasks/${taskId}/extension-requests/${requestId}/decision`).send({ grant: true, reason: 'Self-service' }).expect(403);
    expect((await task()).pendingExtensionRequestId).toBe(requestId);
  });

  it('a request still waiting lapses when the report comes in first: off the committee’s list, no decision possible', async () => {
    const before = await task();
    const requestId = before.pendingExtensionRequestId;
    expect(requestId).toBeTruthy();
    await chair.post(`/api/tasks/${taskId}/submissions`).send(reportFor('education')).expect(201);
    const after = await task();
    expect(after).toMatchObject({ status: 'submitted', latestRevision: 1, late: false });
    expect(after.pendingExtensionRequestId).toBeUndefined();
    expect(after.extensionRequests.find((r: { id: string }) => r.id === requestId)).toMatchObject({
      status: 'lapsed',
      lapsedBecause: 'submitted',
      decidedAt: expect.any(String),
    });
    expect((await h.http.get('/api/extension-requests').expect(200)).body).toEqual([]);
    const late = await h.http.post(`/api/tasks/${taskId}/extension-requests/${requestId}/decision`).send({ grant: true, reason: 'Too late' }).expect(409);
    expect(late.body.message).toContain('lapsed');
    expect((await task()).dueVersion).toBe(before.dueVersion);
    // The chair's task page says why nothing was decided.
    const pages = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    const html = (await pages.get(`/tasks/${taskId}`).expect(200)).text;
    expect(html).toMatch(/<li data-request="lapsed">[\s\S]*?Not needed any more: the report was submitted on/);
    expect((await pages.get('/my-tasks?show=done').expect(200)).text).toContain('data-extension="lapsed"');
  });

  it('a request still waiting lapses when the committee cancels the cycle', async () => {
    const c = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Cancelled later',
            groups: ['sport'],
            requestInDays: 0.01,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
            reminders: [],
          }),
        )
        .expect(201)
    ).body;
    const sportTask = await h.waitFor('the sport task', async () => (await h.http.get(`/api/cycles/${c.id}/tasks?group=sport`)).body[0]?.id);
    const sport = await h.chair('sport');
    const requestId = (
      await sport
        .post(`/api/tasks/${sportTask}/extension-requests`)
        .send({ proposedDueAt: days(320), reason: 'Elections' })
        .expect(201)
    ).body.id;
    await h.http.post(`/api/cycles/${c.id}/cancel`).send({ reason: 'Merged into the next cycle' }).expect(200);
    const t = await h.waitFor('the lapsed request', async () => {
      const body = (await h.http.get(`/api/tasks/${sportTask}`).expect(200)).body.task;
      return body.pendingExtensionRequestId === undefined && body;
    });
    expect(t.status).toBe('cancelled');
    expect(t.extensionRequests.find((r: { id: string }) => r.id === requestId)).toMatchObject({ status: 'lapsed', lapsedBecause: 'cancelled' });
    expect((await h.http.get(`/api/extension-requests?cycleId=${c.id}`).expect(200)).body).toEqual([]);
    await h.http.post(`/api/tasks/${sportTask}/extension-requests/${requestId}/decision`).send({ grant: false, reason: 'Too late anyway' }).expect(409);
    // The chair's page says the cycle was cancelled (not that a report came in).
    const pages = await signInOverHttp(h, sink, 'chair.sport@test.example.org');
    expect((await pages.get(`/tasks/${sportTask}`).expect(200)).text).toMatch(
      /<li data-request="lapsed">[\s\S]*?Not needed any more: the steering committee cancelled the cycle on/,
    );
  });

  it('the OpenAPI document lists the three operations', async () => {
    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/tasks/{id}/extension-requests'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ExtensionRequestDto',
    );
    expect(doc.paths['/api/tasks/{id}/extension-requests/{requestId}/decision'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ExtensionDecisionDto',
    );
    expect(doc.paths['/api/extension-requests'].get).toBeDefined();
    expect(doc.components.schemas.ExtensionRequestDto.required).toEqual(expect.arrayContaining(['proposedDueAt', 'reason']));
  });
});
