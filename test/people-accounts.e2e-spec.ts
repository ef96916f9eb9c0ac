import { MailSink } from '../apps/demo/src/delivery-sinks';
import { WorkingGroupService } from '@pact/engine';
import { EngineHarness, shortCycle } from './support/engine-harness';
import { askForLink, browserAgent, csrfOf, followLink, signInLinkFor, signInMailsTo, signInOverHttp } from './support/web';

/**
 * People's accounts over HTTP (issue 17, point 11): the committee edits a person
 * (PATCH /api/users/:id) and disables or enables them; a disabled person's token, session and
 * sign-in link are refused at once; every change is in the event log; a newly named chair is
 * welcomed by e-mail once; a former chair is no longer listed as the group's chair and loses
 * its tasks.
 */
describe('people accounts (e2e)', () => {
  const sink = new MailSink();
  let h: EngineHarness;
  let sportTask: string;
  const userEvents = async (type: string, userId: string) => h.db.collection('events').find({ type, 'data.userId': userId }).toArray();
  const welcomesTo = (email: string) => sink.to(email).filter((m) => m.headers.get('x-pact-kind') === 'chair-welcome');
  const addPerson = async (body: Record<string, unknown>) => (await h.http.post('/api/users').send(body).expect(201)).body;
  const tokenOf = async (id: string) => (await h.http.post(`/api/users/${id}/tokens`).send({ name: 'test' }).expect(201)).body.token as string;

  beforeAll(async () => {
    await sink.start();
    // Slow cycle time: the sport task stays open while the test runs.
    h = new EngineHarness({ msPerDay: 1000, env: { ...sink.env() } });
    await h.start();
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Accounts',
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
    sportTask = await h.waitFor('the sport task', async () => (await h.http.get(`/api/cycles/${cycle.id}/tasks`)).body[0]?.id);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  it('the committee edits name, roles, groups, language and time zone; user.updated records what changed and who', async () => {
    const p = await addPerson({ name: 'Ola Nordmann', email: 'ola@test.example.org', roles: ['operator'] });
    const res = await h.http
      .patch(`/api/users/${p.id}`)
      .send({ name: 'Ola N. Nordmann', roles: ['chair'], groupKeys: ['education'], language: 'fr', timeZone: 'Europe/Oslo' })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Ola N. Nordmann', roles: ['chair'], groupKeys: ['education'], language: 'fr', timeZone: 'Europe/Oslo' });
    expect(res.body).not.toHaveProperty('calendarTokenHash');
    const [event] = await userEvents('user.updated', p.id);
    expect(event).toMatchObject({
      actor: 'committee:committee@test.example.org',
      data: {
        changes: {
          name: { from: 'Ola Nordmann', to: 'Ola N. Nordmann' },
          roles: { from: ['operator'], to: ['chair'] },
          groupKeys: { from: [], to: ['education'] },
          language: { from: null, to: 'fr' },
        },
      },
    });
    // Made chair of education by the edit: welcomed to it, in French.
    const [welcome] = await h.waitFor('the welcome e-mail', async () => welcomesTo('ola@test.example.org').length > 0 && welcomesTo('ola@test.example.org'));
    expect(welcome.subject).toContain("Intégration par l'éducation");
    // Only what is sent changes.
    expect((await h.http.patch(`/api/users/${p.id}`).send({ timeZone: 'Europe/Paris' }).expect(200)).body).toMatchObject({
      name: 'Ola N. Nordmann',
      groupKeys: ['education'],
      timeZone: 'Europe/Paris',
    });
  }, 60_000);

  it('documents the new operations in the OpenAPI document', async () => {
    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/users/{id}'].patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/UpdateUserDto');
    expect(Object.keys(doc.components.schemas.UpdateUserDto.properties).sort()).toEqual(['committeeOf', 'groupKeys', 'language', 'name', 'roles', 'timeZone']);
    expect(doc.paths['/api/users/{id}/disable'].post).toBeDefined();
    expect(doc.paths['/api/users/{id}/enable'].post).toBeDefined();
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    const p = await addPerson({ name: 'Bad Input', email: 'bad.input@test.example.org', roles: ['operator'] });
    const refused = async (body: Record<string, unknown>, field: string) => {
      const res = await h.http.patch(`/api/users/${p.id}`).send(body).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    };
    await refused({ timeZone: 'Mars/Olympus' }, 'timeZone');
    await refused({ language: 'xx' }, 'language');
    await refused({ name: 'two\nlines' }, 'name');
    await refused({ roles: [] }, 'roles');
    await refused({ roles: ['chair'] }, 'groupKeys');
    await refused({ roles: ['chair'], groupKeys: ['no-such-group'] }, 'groupKeys[0]');
    await refused({ groupKeys: ['sport'] }, 'groupKeys');
    await refused({ email: 'other@test.example.org' }, 'email');
    expect((await h.http.get('/api/users').expect(200)).body.find((u: any) => u.id === p.id)).toMatchObject({
      name: 'Bad Input',
      roles: ['operator'],
      groupKeys: [],
    });
    expect(await userEvents('user.updated', p.id)).toEqual([]);
    await h.http.patch('/api/users/ffffffffffffffffffffffff').send({ name: 'Nobody' }).expect(404);
  });

  it('only the committee edits, disables and enables people', async () => {
    const p = await addPerson({ name: 'Someone', email: 'someone@test.example.org', roles: ['operator'] });
    for (const agent of [h.agent(await h.tokenFor(['operator'])), await h.chair('education')]) {
      await agent.patch(`/api/users/${p.id}`).send({ name: 'X' }).expect(403);
      await agent.post(`/api/users/${p.id}/disable`).expect(403);
      await agent.post(`/api/users/${p.id}/enable`).expect(403);
    }
    await h.agent().post(`/api/users/${p.id}/disable`).expect(401);
  });

  it('disabling stops the token, the session and a pending sign-in link at once; enabling lets them in again; both recorded', async () => {
    const email = 'dora.disabled@test.example.org';
    const p = await addPerson({ name: 'Dora', email, roles: ['operator'] });
    const token = await tokenOf(p.id);
    await h.agent(token).get('/api/users').expect(200);
    const session = await signInOverHttp(h, sink, email, '/people');
    await session.get('/people').expect(200);
    // A link asked for but not yet opened.
    const other = browserAgent(h);
    const before = signInMailsTo(sink, email);
    await askForLink(other, email);
    const link = await signInLinkFor(h, sink, email, before);

    const disabled = await h.http.post(`/api/users/${p.id}/disable`).expect(200);
    expect(disabled.body.disabledAt).toBeTruthy();
    await h.agent(token).get('/api/users').expect(401);
    const page = await session.get('/people');
    expect(page.status).not.toBe(200);
    expect(page.headers.location ?? '').toContain('/sign-in');
    expect((await followLink(other, link)).status).not.toBe(303);
    const [event] = await userEvents('user.disabled', p.id);
    expect(event).toMatchObject({ actor: 'committee:committee@test.example.org', data: { email, sessionsEnded: 1, linksCancelled: 1 } });
    // Asking for a new link sends nothing.
    await askForLink(browserAgent(h), email);
    await h.http.get('/api/users').expect(200);
    expect(signInMailsTo(sink, email)).toBe(before + 1);

    // Disabling twice changes nothing more.
    await h.http.post(`/api/users/${p.id}/disable`).expect(200);
    expect(await userEvents('user.disabled', p.id)).toHaveLength(1);

    const enabled = await h.http.post(`/api/users/${p.id}/enable`).expect(200);
    expect(enabled.body.disabledAt).toBeUndefined();
    await h.agent(token).get('/api/users').expect(200);
    expect(await userEvents('user.enabled', p.id)).toHaveLength(1);
    // Their name stays where it was recorded.
    expect((await h.http.get('/api/users').expect(200)).body.find((u: any) => u.id === p.id).name).toBe('Dora');
  }, 60_000);

  it('nobody disables themselves, and the last active committee member keeps the role (409)', async () => {
    const me = (await h.http.get('/api/me').expect(200)).body;
    const myId = me.id;
    const self = await h.http.post(`/api/users/${myId}/disable`).expect(409);
    expect(JSON.stringify(self.body)).toContain('yourself');
    const last = await h.http
      .patch(`/api/users/${myId}`)
      .send({ roles: ['operator'] })
      .expect(409);
    expect(JSON.stringify(last.body)).toContain('last active committee member');
    // With a second member, the role may go from one of them.
    const second = await addPerson({ name: 'Second Member', email: 'second.member@test.example.org', roles: ['committee'] });
    const secondAgent = h.agent(await tokenOf(second.id));
    await secondAgent
      .patch(`/api/users/${second.id}`)
      .send({ roles: ['operator'] })
      .expect(200);
    await h.http.post(`/api/users/${second.id}/disable`).expect(200);
    expect((await h.http.get('/api/users').expect(200)).body.find((u: any) => u.id === myId).roles).toContain('committee');
  });

  it('a chair named by the committee is welcomed once; the former chair is no longer listed and loses the group’s task', async () => {
    const first = { name: 'Piet Janssen', email: 'piet.janssen@city.example.nl', language: 'de' };
    await h.http.patch('/api/working-groups/sport').send({ chair: first }).expect(200);
    const [welcome] = await h.waitFor('the welcome e-mail', async () => welcomesTo(first.email).length > 0 && welcomesTo(first.email));
    expect(welcome.subject).toContain('Sie leiten jetzt die Arbeitsgruppe');
    expect(welcome.text).toContain('Für Sie offen: 1 Bericht(e)');
    expect(welcome.text).toMatch(/https?:\/\/\S+\/sign-in und geben Sie Ihre Adresse piet\.janssen@city\.example\.nl ein/);
    // The follow-up running again (the sweep, another process) welcomes nobody twice.
    await h.api.get(WorkingGroupService).followUp({ key: 'sport' });
    const deliveries = await h.db.collection('deliveries').find({ kind: 'chair-welcome', recipient: first.email }).toArray();
    expect(deliveries).toHaveLength(1);

    const users = async () => (await h.http.get('/api/users').expect(200)).body as any[];
    const firstUser = (await users()).find((u) => u.email === first.email);
    const firstAgent = h.agent(await tokenOf(firstUser.id));
    await firstAgent.get(`/api/tasks/${sportTask}`).expect(200);

    const next = { name: 'Eva Novak', email: 'eva.novak@city.example.cz', language: 'en' };
    await h.http.patch('/api/working-groups/sport').send({ chair: next }).expect(200);
    await h.waitFor('the former chair loses the group', async () => !(await users()).find((u) => u.email === first.email)?.groupKeys.includes('sport'));
    await firstAgent.get(`/api/tasks/${sportTask}`).expect(404);
    expect((await h.http.get('/api/working-groups/sport').expect(200)).body.chair.email).toBe(next.email);
    expect((await h.http.get('/api/working-groups').expect(200)).body.filter((g: any) => g.chair.email === first.email)).toEqual([]);
    await h.waitFor('the new chair’s welcome', async () => welcomesTo(next.email).length > 0);
    expect(welcomesTo(first.email)).toHaveLength(1);
    // Who chairs a group is decided on the working group: the named chair's group is not taken on the person.
    const eva = (await users()).find((u) => u.email === next.email);
    const refused = await h.http
      .patch(`/api/users/${eva.id}`)
      .send({ roles: ['operator'] })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('groupKeys');
    expect(JSON.stringify(refused.body)).toContain('name another chair on the working group first');
  }, 60_000);

  it('a disabled named chair gets no e-mail about their group', async () => {
    const chair = (await h.http.get('/api/users').expect(200)).body.find((u: any) => u.email === 'eva.novak@city.example.cz');
    await h.http.post(`/api/users/${chair.id}/disable`).expect(200);
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'While disabled',
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
    await h.waitFor(
      'the request planned',
      async () => (await h.db.collection('events').findOne({ type: 'notification.queued', cycleId: cycle.id, 'data.kind': 'task-requested' })) ?? false,
    );
    const planned = await h.db.collection('events').findOne({ type: 'notification.queued', cycleId: cycle.id, 'data.kind': 'task-requested' });
    expect(planned!.data.to).toEqual([]);
  }, 60_000);

  it('the pages: only the committee edits, disables and enables; a form without its CSRF token changes nothing', async () => {
    const id = (await addPerson({ name: 'Paula Page', email: 'paula.page@test.example.org', roles: ['operator'] })).id;
    await h.tokenFor(['operator']);
    const operator = await signInOverHttp(h, sink, 'operator@test.example.org', '/people');
    await operator.get('/people').expect(200);
    for (const path of [`/people/${id}/edit`, `/people/${id}/disable`, `/people/${id}/enable`]) await operator.get(path).expect(403);
    const committee = await signInOverHttp(h, sink, 'committee@test.example.org', '/people');
    await committee.get('/people/ffffffffffffffffffffffff/edit').expect(404);
    await committee.post(`/people/${id}/disable`).type('form').send({}).expect(403);
    expect((await h.http.get('/api/users').expect(200)).body.find((u: any) => u.id === id).disabledAt).toBeUndefined();
    const form = await committee.get(`/people/${id}/edit`).expect(200);
    const saved = await committee
      .post(`/people/${id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), name: 'Paula Page', roles: 'operator', language: 'de', timeZone: 'Europe/Berlin' });
    expect([saved.status, saved.headers.location, saved.status === 303 ? '' : saved.text.slice(0, 3000)]).toEqual([303, `/people?changed=${id}`, '']);
    const confirm = await committee.get(`/people/${id}/disable`).expect(200);
    await committee
      .post(`/people/${id}/disable`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(303);
    expect((await h.http.get('/api/users').expect(200)).body.find((u: any) => u.id === id)).toMatchObject({ language: 'de', disabledAt: expect.any(String) });
  }, 60_000);
});
