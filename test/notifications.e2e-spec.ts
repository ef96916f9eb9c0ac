import { addCalendarDays, calendarDayOf, dayText, dueOnDay, verifyWebhook } from '@pact/domain';
import { EngineHarness, shortCycle } from './support/engine-harness';
import { Webhook } from 'standardwebhooks';
import { MailSink, WebhookReceiver } from '../apps/demo/src/delivery-sinks';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICALModule = require('ical.js');
const ICAL = ICALModule.default ?? ICALModule;

/**
 * Delivery over real connections: e-mail through a real SMTP server (STARTTLS, AUTH) on
 * loopback, webhooks to a real HTTP receiver, the calendar feed read by a real iCalendar
 * parser; the API, worker, Redis and MongoDB-wire server are the real ones too.
 */
describe('notifications (e2e)', () => {
  const sink = new MailSink();
  const hooks = new WebhookReceiver();
  let h: EngineHarness;

  beforeAll(async () => {
    await sink.start();
    await hooks.start();
    h = new EngineHarness({
      msPerDay: 20,
      env: { ...sink.env(), PUBLIC_URL: 'https://pact.test', NOTIFY_ATTEMPTS: '4', WEBHOOK_PAUSE_AFTER: '2', WEBHOOK_TIMEOUT_MS: '1000' },
    });
    await h.start();
    // Chairs registered up front, so each test's timing window holds only the actions it is about.
    for (const g of ['education', 'migrant-families', 'sport', 'security']) await h.chair(g);
    await h.tokenFor(['operator']);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await hooks.stop();
    await sink.stop();
  }, 60_000);

  async function tasksOf(cycleId: string, count: number): Promise<any[]> {
    return h.waitFor('tasks requested', async () => {
      const res = await h.http.get(`/api/cycles/${cycleId}/tasks`).expect(200);
      return res.body.length === count && res.body;
    });
  }

  async function delivery(filter: Record<string, unknown>, status: string[] = ['delivered', 'failed', 'logged']) {
    return h.waitFor(`delivery ${JSON.stringify(filter)} ${status.join('|')}`, async () => {
      const d = await h.db.collection('deliveries').findOne(filter);
      return d && status.includes(d.status) ? d : undefined;
    });
  }

  it('e-mails each chair the request in their language, due date in their time zone, with the task link', async () => {
    await h.http
      .patch('/api/working-groups/education')
      .send({ chair: { name: 'Anna Keller', email: 'anna.keller@education.example.de', language: 'de', timeZone: 'America/New_York' } })
      .expect(200);
    const [welcome] = await h.waitFor('the welcome', async () => {
      const w = sink.to('anna.keller@education.example.de').filter((m) => m.headers.get('x-pact-kind') === 'chair-welcome');
      return w.length > 0 && w;
    });
    expect(welcome.subject).toBe('[Europäischer Integrationspakt] Sie leiten jetzt die Arbeitsgruppe Integration durch Bildung');
    expect(welcome.text).toContain('Noch ist nichts für Sie offen');
    // The chair of migrant-families reads English (config/programmes/pact.yaml): English throughout. (A
    // language the engine does not ship, stored before it was refused, reads English too: the
    // domain's renderMessage tests.)
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Mail cycle', groups: ['education', 'migrant-families'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body;
    const tasks = await tasksOf(cycle.id, 2);
    const education = tasks.find((t) => t.groupKey === 'education');
    const families = tasks.find((t) => t.groupKey === 'migrant-families');

    // Named chair just now, Anna Keller was also welcomed (chair-welcome): the request is the task-requested e-mail.
    const requests = () => sink.to('anna.keller@education.example.de').filter((m) => m.headers.get('x-pact-kind') === 'task-requested');
    const [de] = await h.waitFor('German request', async () => requests().length > 0 && requests());
    // The programme's texts (network, report, group) in German as well (config/programmes/pact.yaml has them).
    expect(de.subject).toBe('[Europäischer Integrationspakt] Bericht angefordert: Umsetzungsbericht — Integration durch Bildung');
    expect(de.headers.get('content-language')).toBe('de');
    expect(de.from?.value[0].address).toBe('secretariat@pact.example.eu');
    expect(de.text).toContain('Guten Tag Anna Keller');
    expect(de.text).toContain(`Hier einreichen: https://pact.test/tasks/${education.id}`);
    // The due date as a New Yorker reads it, in German: weekday, day, month, year, local hour, zone.
    const due = new Date(education.dueAt);
    const ny = Object.fromEntries(
      new Intl.DateTimeFormat('de', {
        timeZone: 'America/New_York',
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      })
        .formatToParts(due)
        .map((p) => [p.type, p.value]),
    );
    for (const part of [ny.weekday, `${ny.day}. ${ny.month} ${ny.year}`, `${ny.hour}:${ny.minute}`, ny.timeZoneName]) expect(de.text).toContain(part);
    expect(ny.hour).not.toBe(String(due.getUTCHours()).padStart(2, '0'));

    const [it] = await h.waitFor(
      'English chair request',
      async () => sink.to('chair.families@pact.example.eu').length > 0 && sink.to('chair.families@pact.example.eu'),
    );
    expect(it.subject).toBe('[European Pact for Integration] Report requested: Implementation report — Integration through migrant families');
    expect(it.headers.get('content-language')).toBe('en');
    expect(it.text).toContain(`Submit it here: https://pact.test/tasks/${families.id}`);

    // The delivery log shows the attempt, to the committee and to operators, not to chairs.
    const op = h.agent(await h.tokenFor(['operator']));
    const log = (await op.get(`/api/deliveries?taskId=${education.id}&channel=email`).expect(200)).body;
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      kind: 'task-requested',
      recipient: 'anna.keller@education.example.de',
      status: 'delivered',
      message: { language: 'de' },
    });
    expect(log.items[0].attempts).toEqual([expect.objectContaining({ n: 1, status: 'delivered', code: 250, willRetry: false })]);
    await (await h.chair('education')).get('/api/deliveries').expect(403);
    await h.agent().get('/api/deliveries').expect(401);
  }, 60_000);

  it('a refused address fails at once in the log, and the cycle goes on', async () => {
    await h.http
      .patch('/api/working-groups/sport')
      .send({ chair: { name: 'No One', email: 'bounce@sport.example.org', language: 'en' } })
      .expect(200);
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Bounce cycle', groups: ['sport'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body;
    const [task] = await tasksOf(cycle.id, 1);
    const d = await delivery({ taskId: task.id, channel: 'email', kind: 'task-requested' }, ['failed']);
    // 550 is final: one attempt, no retries.
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({ status: 'failed', code: 550, willRetry: false });
    expect(d.lastError).toContain('mailbox unavailable');
    expect((await h.http.get(`/api/tasks/${task.id}`).expect(200)).body.task.status).toBe('open');
    // Committee can retry it once the address is fixed; the old attempt stays in the log.
    const retried = (await h.http.post(`/api/deliveries/${d._id}/retry`).expect(202)).body;
    expect(['queued', 'failed']).toContain(retried.status);
    await h.http.post(`/api/deliveries/${d._id}/retry`).then((r) => expect([202, 409]).toContain(r.status));
  }, 60_000);

  it('webhooks are signed, retried after failures, and verifiable by the receiver', async () => {
    const chair = await h.chair('education');
    hooks.answer('/flaky', [503, 503, 200]);
    hooks.answer('/gone', 410);
    const created = (
      await chair
        .post('/api/webhooks')
        .send({ url: hooks.url('/flaky'), scope: 'group', groupKey: 'education', kinds: ['extended'] })
        .expect(201)
    ).body;
    // The Standard Webhooks form: whsec_ and the standard base64 of the key (the library refuses anything else).
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.subscription).not.toHaveProperty('secret');
    hooks.verifyWith('/flaky', created.secret);
    const gone = (
      await chair
        .post('/api/webhooks')
        .send({ url: hooks.url('/gone'), scope: 'user', kinds: ['extended'] })
        .expect(201)
    ).body;
    hooks.verifyWith('/gone', gone.secret);

    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Hook cycle', groups: ['education'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body;
    const [task] = await tasksOf(cycle.id, 1);
    const newDue = new Date(new Date(task.dueAt).getTime() + 10 * 86_400_000).toISOString();
    await h.http.post(`/api/tasks/${task.id}/extensions`).send({ dueAt: newDue, reason: 'Elections in the region' }).expect(201);

    const d = await delivery({ taskId: task.id, channel: 'webhook', subscriptionId: created.subscription.id });
    expect(d.status).toBe('delivered');
    expect(d.attempts.map((a: any) => [a.status, a.code, a.willRetry])).toEqual([
      ['failed', 503, true],
      ['failed', 503, true],
      ['delivered', 200, false],
    ]);
    const calls = hooks.at('/flaky');
    expect(calls).toHaveLength(3);
    // The receiver verified every attempt with standardwebhooks' Webhook.verify; the webhook-id is
    // the delivery's, the same on each retry, so a receiver dedupes by it.
    expect(calls.map((c) => c.verdict)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(new Set(calls.map((c) => c.headers['webhook-id']))).toEqual(new Set([d._id]));
    const last = calls[2];
    expect(last.headers['x-pact-event']).toBe('extended');
    // Another subscription's secret does not verify it.
    expect(() => new Webhook(gone.secret).verify(last.body, last.headers as Record<string, string>)).toThrow('No matching signature found');
    // During the transition the earlier header is sent too, signed as before.
    expect(new Set(calls.map((c) => c.headers['x-pact-delivery']))).toEqual(new Set([d._id]));
    const legacy = { signature: last.headers['x-pact-signature'] as string, timestamp: last.headers['x-pact-timestamp'] as string, rawBody: last.body };
    expect(verifyWebhook({ secret: created.secret, ...legacy })).toEqual({ ok: true });
    expect(verifyWebhook({ secret: gone.secret, ...legacy }).ok).toBe(false);
    const event = JSON.parse(last.body);
    expect(event).toMatchObject({
      id: d._id,
      type: 'extended',
      cycle: { id: cycle.id, name: 'Hook cycle' },
      task: { id: task.id, groupKey: 'education', dueAt: newDue, url: `https://pact.test/api/tasks/${task.id}` },
      data: { reason: 'Elections in the region', previousDueAt: task.dueAt },
    });

    // 410 is a refusal for good: one attempt, counted against the subscription, no retry.
    const refused = await delivery({ taskId: task.id, channel: 'webhook', subscriptionId: gone.subscription.id });
    expect(refused.status).toBe('failed');
    expect(refused.attempts).toHaveLength(1);
    const view = (await chair.get(`/api/webhooks/${gone.subscription.id}`).expect(200)).body;
    expect(view).toMatchObject({ status: 'active', consecutiveFailures: 1, lastError: 'webhook: the receiver answered 410' });
    // Other chairs do not see it.
    await (await h.chair('sport')).get(`/api/webhooks/${gone.subscription.id}`).expect(404);

    // A rotated secret signs what follows; the old one no longer verifies.
    await (await h.chair('sport')).post(`/api/webhooks/${created.subscription.id}/rotate-secret`).expect(404);
    const rotated = (await chair.post(`/api/webhooks/${created.subscription.id}/rotate-secret`).expect(201)).body;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.subscription).not.toHaveProperty('secret');
    hooks.answer('/flaky', 200);
    hooks.verifyWith('/flaky', rotated.secret);
    const later = new Date(new Date(newDue).getTime() + 5 * 86_400_000).toISOString();
    await h.http.post(`/api/tasks/${task.id}/extensions`).send({ dueAt: later, reason: 'Once more' }).expect(201);
    const next = await h.waitFor('delivery after rotation', async () => {
      const found = hooks.at('/flaky').find((c) => JSON.parse(c.body).data.reason === 'Once more');
      return found;
    });
    expect(next).toMatchObject({ status: 200, verdict: { ok: true } });
    expect(() => new Webhook(created.secret).verify(next.body, next.headers as Record<string, string>)).toThrow('No matching signature found');
    expect(
      verifyWebhook({
        secret: rotated.secret,
        signature: next.headers['x-pact-signature'] as string,
        timestamp: next.headers['x-pact-timestamp'] as string,
        rawBody: next.body,
      }),
    ).toEqual({ ok: true });
  }, 60_000);

  it('a receiver that does not answer in time counts as a failed attempt and is tried again', async () => {
    hooks.answer('/slow', 200);
    hooks.delay('/slow', [3000]);
    const sub = (
      await h.http
        .post('/api/webhooks')
        .send({ url: hooks.url('/slow'), scope: 'group', groupKey: 'sport', kinds: ['extended'] })
        .expect(201)
    ).body;
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Slow cycle', groups: ['sport'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body;
    const [task] = await tasksOf(cycle.id, 1);
    await h.http
      .post(`/api/tasks/${task.id}/extensions`)
      .send({ dueAt: new Date(new Date(task.dueAt).getTime() + 2 * 86_400_000).toISOString(), reason: 'Slow' })
      .expect(201);
    const d = await delivery({ taskId: task.id, subscriptionId: sub.subscription.id }, ['delivered']);
    expect(d.attempts.map((a: any) => [a.status, a.willRetry])).toEqual([
      ['failed', true],
      ['delivered', false],
    ]);
    expect(d.attempts[0].error).toBe('webhook: no answer within 1000 ms');
  }, 60_000);

  it('a subscription that keeps failing is paused, shown to operators, and sends what it held when resumed', async () => {
    hooks.answer('/down', 500);
    const sub = (
      await h.http
        .post('/api/webhooks')
        .send({ url: hooks.url('/down'), scope: 'network', kinds: ['extended'] })
        .expect(201)
    ).body;
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, { name: 'Pause cycle', groups: ['security', 'migrant-families', 'sport'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }),
        )
        .expect(201)
    ).body;
    const tasks = await tasksOf(cycle.id, 3);
    const extend = (t: any) =>
      h.http.post(`/api/tasks/${t.id}/extensions`).send({ dueAt: new Date(new Date(t.dueAt).getTime() + 5 * 86_400_000).toISOString(), reason: 'More time' });

    // Two deliveries fail all four attempts: the subscription pauses (WEBHOOK_PAUSE_AFTER=2).
    await extend(tasks[0]).expect(201);
    await delivery({ taskId: tasks[0].id, subscriptionId: sub.subscription.id }, ['failed']);
    await extend(tasks[1]).expect(201);
    await delivery({ taskId: tasks[1].id, subscriptionId: sub.subscription.id }, ['failed']);
    const op = h.agent(await h.tokenFor(['operator']));
    const paused = await h.waitFor('paused', async () =>
      (await op.get('/api/webhooks?status=paused').expect(200)).body.find((s: any) => s.id === sub.subscription.id),
    );
    expect(paused.pausedReason).toContain('2 deliveries in a row failed');
    expect(paused).not.toHaveProperty('secret');
    expect(hooks.at('/down')).toHaveLength(8);

    // While paused, new deliveries are held (not attempted, not lost); the state change happened regardless.
    const third = (await extend(tasks[2]).expect(201)).body;
    expect(third.dueVersion).toBe(1);
    const held = await delivery({ taskId: tasks[2].id, subscriptionId: sub.subscription.id }, ['held']);
    expect(held.attempts).toHaveLength(0);
    expect(hooks.at('/down')).toHaveLength(8);
    const pausedEvent = await h.db.collection('events').findOne({ type: 'webhook.paused', 'data.subscriptionId': sub.subscription.id });
    expect(pausedEvent?.data).toMatchObject({ url: hooks.url('/down'), failedDeliveries: 2, lastError: 'webhook: the receiver answered 500' });

    // The receiver is fixed; an operator resumes: the held delivery goes out.
    hooks.answer('/down', 200);
    const resumed = (await op.post(`/api/webhooks/${sub.subscription.id}/resume`).expect(201)).body;
    expect(resumed).toMatchObject({ subscription: { status: 'active', consecutiveFailures: 0 }, released: 1 });
    const sent = await delivery({ _id: held._id }, ['delivered']);
    expect(sent.attempts).toHaveLength(1);
    expect(JSON.parse(hooks.at('/down').at(-1)!.body).task.id).toBe(tasks[2].id);
  }, 90_000);

  it('each chair has a private iCalendar feed of open deadlines with alarms, updated on extension', async () => {
    const chair = await h.chair('migrant-families');
    const issued = (await chair.post('/api/me/calendar').expect(201)).body;
    expect(issued.url).toMatch(/^https:\/\/pact\.test\/calendar\/cal_[A-Za-z0-9_-]{32}\.ics$/);
    const path = new URL(issued.url).pathname;
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Calendar cycle',
            groups: ['migrant-families'],
            dueAfterDays: 400,
            compileAfterDays: 500,
            lengthMonths: 24,
            reminders: [30, 7],
          }),
        )
        .expect(201)
    ).body;
    const [task] = await tasksOf(cycle.id, 1);

    const read = async () => {
      const res = await h.agent().get(path).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const cal = new ICAL.Component(ICAL.parse(res.text));
      const vevent = cal.getAllSubcomponents('vevent').find((v: any) => v.getFirstPropertyValue('uid') === `task-${task.id}@pact-monitoring`);
      return { cal, vevent, event: vevent && new ICAL.Event(vevent) };
    };
    const first = await read();
    expect(first.cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(first.event.startDate.toJSDate().toISOString()).toBe(new Date(task.dueAt).toISOString());
    expect(first.event.sequence).toBe(0);
    expect(first.event.summary).toContain('Integration through migrant families');
    expect(first.vevent.getFirstPropertyValue('url')).toBe(`https://pact.test/tasks/${task.id}`);
    const triggers = first.vevent.getAllSubcomponents('valarm').map((a: any) => a.getFirstPropertyValue('trigger').toSeconds() / 86_400);
    expect(triggers.sort((a: number, b: number) => a - b)).toEqual([-30, -7]);

    const newDue = new Date(new Date(task.dueAt).getTime() + 21 * 86_400_000).toISOString();
    await h.http.post(`/api/tasks/${task.id}/extensions`).send({ dueAt: newDue, reason: 'Summer break' }).expect(201);
    const second = await read();
    expect(second.event.startDate.toJSDate().toISOString()).toBe(newDue);
    expect(second.event.sequence).toBe(1);
    expect(second.event.description).toContain('Extended from');

    // A day typed is due at its end on the chair's clock (Brussels): the feed shows it as an all-day event on that day.
    const day = new Date(new Date(newDue).getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const byDay = (await h.http.post(`/api/tasks/${task.id}/extensions`).send({ dueAt: day, reason: 'Holidays' }).expect(201)).body;
    expect(byDay.dueAt).toBe(dueOnDay(calendarDayOf(day)!, 'Europe/Brussels').toISOString());
    const third = await read();
    expect(third.event.startDate.isDate).toBe(true);
    expect(third.event.startDate.toString()).toBe(day);
    expect(third.event.endDate.toString()).toBe(dayText(addCalendarDays(calendarDayOf(day)!, 1)));
    expect(third.event.sequence).toBe(2);
    expect((await h.agent().get(path).expect(200)).text).toContain(`DTSTART;VALUE=DATE:${day.replace(/-/g, '')}`);
    // The chair's e-mail names the new due date as a date, without a time of day.
    const mail = await h.waitFor('the e-mail of the extension to a day', async () =>
      sink.to('chair.families@pact.example.eu').find((m) => m.text?.includes('Holidays')),
    );
    const newDueLine = /New due date: (.*)/.exec(mail.text!)![1];
    expect(newDueLine).toContain(String(calendarDayOf(day)!.year));
    expect(newDueLine).not.toMatch(/\d{1,2}:\d{2}/);

    // A new URL revokes the old one; wrong tokens look the same as revoked ones.
    const again = (await chair.post('/api/me/calendar').expect(201)).body;
    await h.agent().get(path).expect(404);
    await h.agent().get(new URL(again.url).pathname).expect(200);
    await h.agent().get('/calendar/cal_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics').expect(404);
    await h.agent().get('/calendar/not-a-token').expect(404);
    await h
      .agent(await h.tokenFor(['operator']))
      .post('/api/me/calendar')
      .expect(403);
  }, 60_000);

  it('level 2 reaches the steering committee as one summary of everything overdue in the cycle', async () => {
    const before = sink.to('steering-committee@pact.example.eu').length;
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Summary cycle',
            groups: ['security', 'migrant-families', 'sport'],
            dueAfterDays: 30,
            compileAfterDays: 400,
            lengthMonths: 24,
          }),
        )
        .expect(201)
    ).body;
    await tasksOf(cycle.id, 3);
    const summaries = await h.waitFor('summary e-mail', async () => {
      const mails = sink
        .to('steering-committee@pact.example.eu')
        .slice(before)
        // The cycle's name is in every e-mail about it: the summary is told by its kind (the
        // compilation's e-mail may come first on a slow machine).
        .filter((m) => m.subject?.includes('Summary cycle') && m.headers.get('x-pact-kind') === 'escalation-summary');
      return mails.length > 0 && mails;
    });
    // Give stragglers time: there must be no second summary and no per-task committee e-mail.
    // (On a slow machine the cycle may reach its compile date meanwhile: that e-mail is another kind.)
    await new Promise((r) => setTimeout(r, 2000));
    const committeeMails = sink
      .to('steering-committee@pact.example.eu')
      .slice(before)
      .filter((m) => m.subject?.includes('Summary cycle') && m.headers.get('x-pact-kind') !== 'report-compiled');
    expect(committeeMails).toHaveLength(1);
    const [summary] = summaries;
    expect(summary.subject).toBe('[European Pact for Integration] Summary cycle: 3 reports escalated, 3 overdue');
    for (const field of ['Migration, integration and security', 'Integration through migrant families', 'Integration through sport']) {
      expect(summary.text).toMatch(new RegExp(`\\* ${field}[^\\n]*\\(level 2\\)`));
    }
    const deliveries = await h.db.collection('deliveries').find({ cycleId: cycle.id, kind: 'escalation-summary' }).toArray();
    expect(deliveries).toHaveLength(1);
    // The chairs heard first, each in their own e-mail (level 1).
    const level1 = await h.db.collection('deliveries').find({ cycleId: cycle.id, kind: 'escalated', channel: 'email' }).toArray();
    expect(level1.map((d) => d.recipient).sort()).toEqual(['bounce@sport.example.org', 'chair.families@pact.example.eu', 'chair.security@pact.example.eu']);
  }, 90_000);

  it('a delivery whose job Redis lost is still made: the reconciler queues it again from MongoDB', async () => {
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Flush cycle', groups: ['security'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body;
    const [task] = await tasksOf(cycle.id, 1);
    await delivery({ taskId: task.id, kind: 'task-requested', channel: 'email' });
    // No worker: the extension's e-mail is stored and queued, then Redis loses everything.
    await h.stopWorker();
    await h.http
      .post(`/api/tasks/${task.id}/extensions`)
      .send({ dueAt: new Date(new Date(task.dueAt).getTime() + 3 * 86_400_000).toISOString(), reason: 'Flush' })
      .expect(201);
    const queued = await delivery({ taskId: task.id, kind: 'extended', channel: 'email' }, ['queued']);
    expect(await h.wipeRedis()).toBeGreaterThan(0);
    await h.startWorker();
    const sent = await delivery({ _id: queued._id }, ['delivered']);
    expect(sent.attempts).toHaveLength(1);
    const mails = sink.to('chair.security@pact.example.eu').filter((m) => m.headers.get('x-pact-delivery') === String(queued._id));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Neues Fälligkeitsdatum');
  }, 60_000);

  it('refuses bad subscriptions with a 4xx naming the problem, and creates nothing', async () => {
    const before = await h.db.collection('webhook_subscriptions').countDocuments();
    const chair = await h.chair('education');
    const bad = async (agent: any, body: unknown, status: number, says: string) => {
      const res = await agent.post('/api/webhooks').send(body);
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).toContain(says);
    };
    await bad(h.http, { url: 'ftp://example.org/x', scope: 'network' }, 400, 'url must be an http(s) URL');
    await bad(h.http, { url: hooks.url('/x'), scope: 'everything' }, 400, 'scope');
    await bad(h.http, { url: hooks.url('/x'), scope: 'network', extra: 1 }, 400, 'extra');
    await bad(h.http, { url: hooks.url('/x'), scope: 'network', kinds: ['gossip'] }, 400, 'kinds');
    await bad(h.http, { url: hooks.url('/x'), scope: 'group', groupKey: { $ne: 'x' } }, 400, '$ne');
    await bad(h.http, { url: hooks.url('/x'), scope: 'group' }, 400, 'groupKey: required');
    await bad(h.http, { url: hooks.url('/x'), scope: 'group', groupKey: 'no-such-group' }, 400, 'no working group');
    await bad(chair, { url: hooks.url('/x'), scope: 'network' }, 403, 'committee');
    await bad(chair, { url: hooks.url('/x'), scope: 'group', groupKey: 'sport' }, 403, 'sport');
    await bad(h.agent(await h.tokenFor(['operator'])), { url: hooks.url('/x'), scope: 'network' }, 403, 'Forbidden');
    expect(await h.db.collection('webhook_subscriptions').countDocuments()).toBe(before);
    await h.http.get('/api/deliveries?status=lost').expect(400);
  }, 30_000);

  it('the receiver, verifying with standardwebhooks, refuses a tampered body and a genuine signature on an old timestamp', async () => {
    const created = (
      await h.http
        .post('/api/webhooks')
        .send({ url: hooks.url('/verified'), scope: 'group', groupKey: 'education', kinds: ['extended'] })
        .expect(201)
    ).body;
    hooks.verifyWith('/verified', created.secret);
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Verified cycle', groups: ['education'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
        .expect(201)
    ).body;
    const [task] = await tasksOf(cycle.id, 1);
    const dueAt = new Date(new Date(task.dueAt).getTime() + 3 * 86_400_000).toISOString();
    await h.http.post(`/api/tasks/${task.id}/extensions`).send({ dueAt, reason: 'Verified' }).expect(201);
    const d = await delivery({ taskId: task.id, subscriptionId: created.subscription.id }, ['delivered']);
    const [call] = hooks.at('/verified');
    expect(call).toMatchObject({ status: 200, verdict: { ok: true } });
    expect(call.headers['webhook-id']).toBe(d._id);

    const tampered = await hooks.replay(call, { body: call.body.replace('"Verified"', '"Forged"') });
    expect(tampered).toMatchObject({ status: 401, verdict: { ok: false, error: 'No matching signature found' } });
    const stale = await hooks.replay(call, { timestampSeconds: Math.floor(Date.now() / 1000) - 301 });
    expect(stale).toMatchObject({ status: 401, verdict: { ok: false, error: 'Message timestamp too old' } });
    // The untouched request passes the signature check: it is the webhook-id that tells a receiver it is a repeat.
    expect(await hooks.replay(call, { timestampSeconds: Number(call.headers['webhook-timestamp']) })).toMatchObject({ status: 200, verdict: { ok: true } });
  }, 60_000);
});

describe('webhook targets (e2e)', () => {
  // As in production: webhooks may not point into the operator's own network.
  const h = new EngineHarness({ worker: false, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' } });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  it('refuses loopback, private and link-local receivers, naming the address', async () => {
    for (const [url, says] of [
      ['http://127.0.0.1:8080/hook', '127.0.0.1 is not a public address'],
      ['http://localhost/hook', 'localhost is this machine'],
      ['http://10.0.0.5/hook', '10.0.0.5 is not a public address'],
      ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is not a public address'],
      ['http://[::1]:3000/hook', '::1 is not a public address'],
      ['http://192.168.1.20/hook', '192.168.1.20 is not a public address'],
    ]) {
      const res = await h.http.post('/api/webhooks').send({ url, scope: 'network' }).expect(400);
      expect(JSON.stringify(res.body.message)).toContain(says);
    }
    expect(await h.db.collection('webhook_subscriptions').countDocuments()).toBe(0);
    await h.http.post('/api/webhooks').send({ url: 'https://hooks.city.example.org/pact', scope: 'network' }).expect(201);
  }, 30_000);
});
