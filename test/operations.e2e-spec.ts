import { ObjectId } from 'mongodb';
import type TestAgent from 'supertest/lib/agent';
import { MailSink, WebhookReceiver } from '../apps/demo/src/delivery-sinks';
import { EngineHarness, shortCycle } from './support/engine-harness';
import { csrfOf, signInOverHttp } from './support/web';

/**
 * The operators' console over HTTP, as a browser without JavaScript uses it, against the real
 * API, worker, Redis, MongoDB-wire server, SMTP server and a webhook receiver: the delivery log
 * (failed first, paged, filtered), retrying a failed delivery (and refusing to retry anything
 * else), pausing and resuming a webhook subscription (what is held meanwhile goes out on resume),
 * and the same pause in the API. Chairs get the 403 page; every form needs its CSRF token.
 */
describe('operations console (e2e)', () => {
  const sink = new MailSink();
  const hooks = new WebhookReceiver();
  let h: EngineHarness;
  let operator: TestAgent;
  let committee: TestAgent;
  let chair: TestAgent;
  let cycleId: string;
  let sportTask: any;
  let failedId: string;
  let deliveredId: string;

  const delivery = (id: string) => h.db.collection('deliveries').findOne({ _id: id as any });
  const rowsOf = (html: string) => [...html.matchAll(/<tr data-delivery="([^"]+)" data-state="([^"]+)"/g)].map((m) => ({ id: m[1], state: m[2] }));
  const formFor = (html: string, action: string) => {
    const at = html.indexOf(`action="${action}"`);
    if (at < 0) throw new Error(`no form for ${action}`);
    return csrfOf(html.slice(at));
  };

  beforeAll(async () => {
    await sink.start();
    await hooks.start();
    h = new EngineHarness({ msPerDay: 1000, env: { ...sink.env(), NOTIFY_ATTEMPTS: '2', WEBHOOK_PAUSE_AFTER: '50' } });
    await h.start();
    await h.tokenFor(['operator']);
    await h.tokenFor(['chair'], ['education']);
    // Sport's chair address is refused by the mail server: its report request fails for good.
    await h.http
      .patch('/api/working-groups/sport')
      .send({ chair: { name: 'No One', email: 'bounce@sport.example.org', language: 'en' } })
      .expect(200);
    cycleId = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Operations cycle', groups: ['education', 'sport'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body.id;
    const tasks = await h.waitFor('tasks', async () => {
      const r = (await h.http.get(`/api/cycles/${cycleId}/tasks`)).body;
      return r.length === 2 && r;
    });
    sportTask = tasks.find((t: any) => t.groupKey === 'sport');
    failedId = (
      await h.waitFor('the failed request', () => h.db.collection('deliveries').findOne({ taskId: sportTask.id, channel: 'email', status: 'failed' }))
    )._id as unknown as string;
    const educationTask = tasks.find((t: any) => t.groupKey === 'education');
    deliveredId = (
      await h.waitFor('the delivered request', () =>
        h.db.collection('deliveries').findOne({ taskId: educationTask.id, channel: 'email', status: { $in: ['delivered', 'logged'] } }),
      )
    )._id as unknown as string;
    operator = await signInOverHttp(h, sink, 'operator@test.example.org');
    committee = await signInOverHttp(h, sink, 'committee@test.example.org');
    chair = await signInOverHttp(h, sink, 'chair.education@test.example.org');
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await hooks.stop();
    await sink.stop();
  }, 60_000);

  it('is for operators and the committee: a chair gets the 403 page, nobody signed in the sign-in page', async () => {
    const page = await operator.get('/operations').expect(200);
    expect(page.text).toContain('<h1>Operations</h1>');
    expect(page.text).toContain('href="/admin/queues"');
    // Health and queues at a glance, through the engine.
    expect(page.text).toMatch(/data-store="mongo" data-status="up"/);
    expect(page.text).toMatch(/data-store="redis" data-status="up"/);
    for (const q of ['cycles', 'deadlines', 'notifications', 'maintenance']) expect(page.text).toContain(`data-queue="${q}"`);
    await committee.get('/operations').expect(200);
    const forbidden = await chair.get('/operations').expect(403);
    expect(forbidden.text).toContain('You cannot open this page');
    await chair.get(`/operations/deliveries/${failedId}`).expect(403);
    await chair
      .post(`/operations/deliveries/${failedId}/retry`)
      .type('form')
      .send({ _csrf: csrfOf((await chair.get('/settings').expect(200)).text) })
      .expect(403);
    const anonymous = await h.agent().get('/operations').expect(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Foperations');
    // German, with the same rows.
    const de = await operator.get('/operations').set('Cookie', 'pact_lang=de');
    expect(de.status).toBe(200);
  });

  it('lists failed deliveries first, each with its kind, channel, recipient, attempts and last error; a delivery page shows every attempt', async () => {
    const page = await operator.get('/operations').expect(200);
    const rows = rowsOf(page.text);
    expect(rows[0]).toEqual({ id: failedId, state: 'failed' });
    const order = ['failed', 'held', 'queued', 'delivered', 'logged'];
    const ranks = rows.map((r) => order.indexOf(r.state));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const row = page.text.slice(page.text.indexOf(`data-delivery="${failedId}"`)).split('</tr>')[0];
    expect(row).toContain('Report requested');
    expect(row).toContain('E-mail');
    expect(row).toContain('bounce@sport.example.org');
    expect(row).toContain('Last error:');
    expect(row).toContain('mailbox unavailable');
    expect(row).toContain('>Retry<');
    // Sign-in e-mails are in the log, never with a Retry button and never with their link.
    expect(page.text).toContain('Sign-in link');
    expect(page.text).not.toMatch(/\/sign-in\/[A-Za-z0-9_-]{43}/);
    // Filters: by state and by channel.
    expect(rowsOf((await operator.get('/operations?state=failed').expect(200)).text).every((r) => r.state === 'failed')).toBe(true);
    expect(rowsOf((await operator.get('/operations?state=failed&channel=webhook').expect(200)).text)).toEqual([]);
    // A cursor that is not ours is the first page, not an error.
    expect(rowsOf((await operator.get('/operations?after=garbage').expect(200)).text)[0]).toEqual({ id: failedId, state: 'failed' });
    // So is a cursor taken under another state filter (here: a page of "failed" asked of "held").
    const failedCursor = Buffer.from(JSON.stringify(['failed', new Date().toISOString(), failedId])).toString('base64url');
    const held = rowsOf((await operator.get('/operations?state=held').expect(200)).text);
    expect(rowsOf((await operator.get(`/operations?state=held&after=${failedCursor}`).expect(200)).text)).toEqual(held);

    const detail = await operator.get(`/operations/deliveries/${failedId}`).expect(200);
    expect(detail.text).toContain('<tr data-attempt="1">');
    expect(detail.text).toContain('550');
    expect(detail.text).toContain('bounce@sport.example.org');
    expect(detail.text).toContain(`href="/tasks/${sportTask.id}"`);
    await operator.get('/operations/deliveries/d0000000000000000000000000000000').expect(404);
  });

  it('pages through a long log by a cursor, in order, without repeating or skipping a delivery', async () => {
    const at = new Date('2030-01-01T00:00:00Z').getTime();
    const docs = Array.from({ length: 120 }, (_, i) => ({
      _id: `dfeed${String(i).padStart(27, '0')}`,
      dedupeKey: `paging-${i}`,
      kind: 'reminder',
      channel: 'email',
      recipient: `paging-${i}@test.example.org`,
      message: { language: 'en', subject: 'x', text: 'x' },
      status: i % 3 === 0 ? 'failed' : 'logged',
      attempts: [],
      attemptCount: 0,
      round: 0,
      // Some share a moment: ties are ordered by id.
      createdAt: new Date(at + Math.floor(i / 2) * 1000),
      updatedAt: new Date(at),
    }));
    await h.db.collection('deliveries').insertMany(docs as any[]);
    try {
      const seen: { id: string; state: string }[] = [];
      let url: string | null = '/operations';
      let pages = 0;
      while (url) {
        const res = await operator.get(url).expect(200);
        seen.push(...rowsOf(res.text));
        const next = /href="([^"]+)" rel="next"/.exec(res.text);
        url = next ? next[1].replace(/&amp;/g, '&').replace(/#.*$/, '') : null;
        if (++pages > 20) throw new Error('paging does not end');
      }
      const all = await h.db.collection('deliveries').countDocuments();
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(seen).toHaveLength(all);
      expect(new Set(seen.map((s) => s.id)).size).toBe(all);
      const mine = seen.filter((s) => s.id.startsWith('dfeed'));
      const expected = docs
        .map((d) => ({ id: d._id, state: d.status, at: d.createdAt.getTime() }))
        .sort((a, b) => (a.state === b.state ? b.at - a.at || (a.id < b.id ? 1 : -1) : a.state === 'failed' ? -1 : 1))
        .map(({ id, state }) => ({ id, state }));
      expect(mine).toEqual(expected);
    } finally {
      await h.db.collection('deliveries').deleteMany({ _id: { $in: docs.map((d) => d._id) as any[] } });
    }
  });

  it('retries a failed delivery: refused without the CSRF token, then queued again and attempted once more, its first attempt kept', async () => {
    await operator.post(`/operations/deliveries/${failedId}/retry`).type('form').send({ back: '/operations' }).expect(403);
    expect(await delivery(failedId)).toMatchObject({ status: 'failed', round: 0, attemptCount: 1 });

    const page = await operator.get('/operations?state=failed').expect(200);
    const res = await operator
      .post(`/operations/deliveries/${failedId}/retry`)
      .type('form')
      .send({ _csrf: formFor(page.text, `/operations/deliveries/${failedId}/retry`), back: '/operations?state=failed' })
      .expect(303);
    expect(res.headers.location).toBe(`/operations?state=failed&done=retried&delivery=${failedId}`);
    expect((await delivery(failedId))!.round).toBe(1);
    const back = await operator.get(res.headers.location).expect(200);
    expect(back.text).toContain('The delivery is queued to be sent again.');
    // The address still bounces: a second attempt, recorded beside the first.
    const after = await h.waitFor('the second attempt', async () => {
      const d = await delivery(failedId);
      return d && d.attemptCount === 2 && d.status === 'failed' && d;
    });
    expect(after.attempts.map((a: any) => a.n)).toEqual([1, 2]);
    // Someone bends the return address to another site: the delivery's own page instead.
    const again = await operator.get(`/operations/deliveries/${failedId}`).expect(200);
    const offsite = await operator
      .post(`/operations/deliveries/${failedId}/retry`)
      .type('form')
      .send({ _csrf: csrfOf(again.text), back: 'https://evil.example/' })
      .expect(303);
    expect(offsite.headers.location).toBe(`/operations/deliveries/${failedId}?done=retried`);
  });

  it('refuses to retry a delivery that did not fail, saying why, and changes nothing', async () => {
    const before = await delivery(deliveredId);
    const page = await operator.get(`/operations/deliveries/${deliveredId}`).expect(200);
    expect(page.text).not.toContain('>Retry<');
    const res = await operator
      .post(`/operations/deliveries/${deliveredId}/retry`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(409);
    expect(res.text).toMatch(
      /Nothing was changed: this delivery(&#39;|')s state is “(Delivered|Logged only \(no mail server\))”; only failed deliveries are retried\./,
    );
    expect(await delivery(deliveredId)).toEqual(before);
    await operator
      .post('/operations/deliveries/d0000000000000000000000000000000/retry')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(404);
  });

  it('pauses a webhook subscription (held deliveries, not attempted) and resumes it (they go out); both need the CSRF token', async () => {
    const target = '/ops?key=receiver-secret';
    hooks.answer(target, 200);
    const sub = (
      await h.http
        .post('/api/webhooks')
        .send({ url: hooks.url(target), scope: 'network', kinds: ['extended'] })
        .expect(201)
    ).body.subscription;
    let page = await operator.get('/operations').expect(200);
    expect(page.text).toContain(`data-subscription="${sub.id}" data-status="active"`);
    // The subscriptions table too shows the receiver's host, never the secret in its URL.
    expect(page.text.slice(page.text.indexOf(`data-subscription="${sub.id}"`)).split('</tr>')[0]).toContain(new URL(hooks.url('/')).host);
    expect(page.text).not.toContain('receiver-secret');
    await operator.post(`/operations/webhooks/${sub.id}/pause`).type('form').send({}).expect(403);
    expect((await h.http.get(`/api/webhooks/${sub.id}`).expect(200)).body.status).toBe('active');

    const paused = await operator
      .post(`/operations/webhooks/${sub.id}/pause`)
      .type('form')
      .send({ _csrf: formFor(page.text, `/operations/webhooks/${sub.id}/pause`) })
      .expect(303);
    expect(paused.headers.location).toBe(`/operations?done=paused&subscription=${sub.id}#webhooks`);
    page = await operator.get(paused.headers.location.replace(/#.*$/, '')).expect(200);
    expect(page.text).toContain(`The subscription to ${new URL(hooks.url('/')).host} is paused`);
    expect(page.text).toContain(`data-subscription="${sub.id}" data-status="paused"`);
    expect(page.text).toContain('paused by operator:operator@test.example.org');
    const event = await h.db.collection('events').findOne({ type: 'webhook.paused', 'data.subscriptionId': sub.id });
    expect(event).toMatchObject({ actor: 'operator:operator@test.example.org' });
    // Pausing again: nothing changes, the page says why.
    const twice = await operator
      .post(`/operations/webhooks/${sub.id}/pause`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(409);
    expect(twice.text).toContain('Nothing was changed: the subscription');
    expect(await h.db.collection('events').countDocuments({ type: 'webhook.paused', 'data.subscriptionId': sub.id })).toBe(1);

    // While paused, an event for it is held, not attempted.
    await h.http
      .post(`/api/tasks/${sportTask.id}/extensions`)
      .send({ dueAt: new Date(new Date(sportTask.dueAt).getTime() + 5 * 86_400_000).toISOString(), reason: 'Maintenance window' })
      .expect(201);
    const held = await h.waitFor('held', () => h.db.collection('deliveries').findOne({ subscriptionId: sub.id, status: 'held' }));
    expect(hooks.at(target)).toHaveLength(0);
    page = await operator.get('/operations?state=held').expect(200);
    const row = page.text.slice(page.text.indexOf(`data-delivery="${held._id}"`)).split('</tr>')[0];
    // The receiver's host only: its path and query may hold a secret.
    expect(row).toContain(new URL(hooks.url('/')).host);
    expect(row).not.toContain('receiver-secret');

    await operator.post(`/operations/webhooks/${sub.id}/resume`).type('form').send({}).expect(403);
    expect((await h.http.get(`/api/webhooks/${sub.id}`).expect(200)).body.status).toBe('paused');
    const resumed = await operator
      .post(`/operations/webhooks/${sub.id}/resume`)
      .type('form')
      .send({ _csrf: formFor(page.text, `/operations/webhooks/${sub.id}/resume`) })
      .expect(303);
    expect(resumed.headers.location).toBe(`/operations?done=resumed&subscription=${sub.id}&released=1#webhooks`);
    expect((await operator.get(resumed.headers.location.replace(/#.*$/, '')).expect(200)).text).toContain('is active again; 1 held deliveries are being sent.');
    const sent = await h.waitFor('the held delivery sent', async () => {
      const d = await h.db.collection('deliveries').findOne({ _id: held._id });
      return d?.status === 'delivered' && d;
    });
    expect(sent.attempts).toHaveLength(1);
    expect(hooks.at(target)).toHaveLength(1);
    expect(JSON.parse(hooks.at(target)[0].body).data.reason).toBe('Maintenance window');
  });

  it('a delivery held under a subscription that is active again (a resume that raced the hold) is released by the reconciler', async () => {
    const target = '/raced';
    hooks.answer(target, 200);
    const sub = (
      await h.http
        .post('/api/webhooks')
        .send({ url: hooks.url(target), scope: 'network', kinds: ['extended'] })
        .expect(201)
    ).body.subscription;
    await h.http.post(`/api/webhooks/${sub.id}/pause`).send({}).expect(201);
    const current = (await h.http.get(`/api/tasks/${sportTask.id}`).expect(200)).body.task;
    await h.http
      .post(`/api/tasks/${sportTask.id}/extensions`)
      .send({ dueAt: new Date(new Date(current.dueAt).getTime() + 3 * 86_400_000).toISOString(), reason: 'Raced' })
      .expect(201);
    const held = await h.waitFor('held', () => h.db.collection('deliveries').findOne({ subscriptionId: sub.id, status: 'held' }));
    // The resume's release ran before this hold: the subscription is active, the delivery still held.
    await h.db
      .collection('webhook_subscriptions')
      .updateOne({ _id: new ObjectId(sub.id) }, { $set: { status: 'active' }, $unset: { pausedAt: '', pausedReason: '' } });
    const sent = await h.waitFor(
      'the reconciler releases and sends it',
      async () => {
        const d = await h.db.collection('deliveries').findOne({ _id: held._id });
        return d?.status === 'delivered' && d;
      },
      30_000,
    );
    expect(sent.attempts).toHaveLength(1);
    expect(JSON.parse(hooks.at(target)[0].body).data.reason).toBe('Raced');
  });

  it('POST /api/webhooks/:id/pause: the committee, operators and the creator; 404 unknown or unseen, 403 for a chair who did not create it, 409 when not active', async () => {
    hooks.answer('/api-pause', 200);
    const network = (
      await h.http
        .post('/api/webhooks')
        .send({ url: hooks.url('/api-pause'), scope: 'network' })
        .expect(201)
    ).body.subscription;
    const forEducation = (
      await h.http
        .post('/api/webhooks')
        .send({ url: hooks.url('/api-pause'), scope: 'group', groupKey: 'education' })
        .expect(201)
    ).body.subscription;
    const op = h.agent(await h.tokenFor(['operator']));
    const educationChair = await h.chair('education');

    await h.agent().post(`/api/webhooks/${network.id}/pause`).expect(401);
    await op.post('/api/webhooks/65f1a2b3c4d5e6f708192a3b/pause').expect(404);
    await op.post('/api/webhooks/not-an-id/pause').expect(404);
    // A chair does not see a network subscription (404), and may see but not pause one the committee made for their group (403).
    await educationChair.post(`/api/webhooks/${network.id}/pause`).expect(404);
    const refused = await educationChair.post(`/api/webhooks/${forEducation.id}/pause`).expect(403);
    expect(refused.body.detail).toContain('only the committee, an operator or whoever created it may pause a subscription');
    expect((await h.http.get(`/api/webhooks/${forEducation.id}`).expect(200)).body.status).toBe('active');

    const paused = (await op.post(`/api/webhooks/${network.id}/pause`).expect(201)).body;
    expect(paused.subscription).toMatchObject({ id: network.id, status: 'paused', pausedReason: 'paused by operator:operator@test.example.org' });
    expect(paused.subscription).not.toHaveProperty('secret');
    await op.post(`/api/webhooks/${network.id}/pause`).expect(409);
    expect((await op.get('/api/webhooks?status=paused').expect(200)).body.map((s: any) => s.id)).toContain(network.id);
    await op.post(`/api/webhooks/${network.id}/resume`).expect(201);

    // A chair pauses a subscription they created; the committee any.
    const own = (
      await educationChair
        .post('/api/webhooks')
        .send({ url: hooks.url('/api-pause'), scope: 'user' })
        .expect(201)
    ).body.subscription;
    await educationChair.post(`/api/webhooks/${own.id}/pause`).expect(201);
    await h.http.post(`/api/webhooks/${forEducation.id}/pause`).expect(201);
    // A deleted one is not paused.
    await h.http.delete(`/api/webhooks/${network.id}`).expect(200);
    await h.http.post(`/api/webhooks/${network.id}/pause`).expect(409);

    const doc = (await h.http.get('/api/docs-json').expect(200)).body;
    const op2 = doc.paths['/api/webhooks/{id}/pause']?.post;
    expect(op2).toBeDefined();
    expect(Object.keys(op2.responses)).toEqual(expect.arrayContaining(['403', '404', '409']));
  });
});
