import { IdentityService } from '@pact/engine';
import { EngineHarness, shortCycle } from './support/engine-harness';

/**
 * Two programmes in one deployment (issue 19): the Pact and the Integrating Cities Charter. Each
 * role is tried against the other programme's data over HTTP, and finds nothing there (404, as
 * for data that does not exist); operators see both; a person may hold roles in both. The
 * committee adds and retires participants; past cycles keep the participants they had.
 */
describe('programmes: each role sees its own programme only (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 1000 });
  let pactCycle: string;
  let pactTask: string;
  let charterCommittee: ReturnType<EngineHarness['agent']>;
  let both: ReturnType<EngineHarness['agent']>;

  /** A person made by the engine itself (as `npm run bootstrap` does), with a token. */
  async function person(email: string, input: { roles: ('committee' | 'chair')[]; committeeOf?: string[]; groupKeys?: string[] }) {
    const identity = h.api.get(IdentityService);
    const user = await identity.createUser({ name: email, email, ...input }, 'test');
    return h.agent((await identity.issueToken(user.id, 'test', 30, 'test')).token);
  }

  beforeAll(async () => {
    await h.start();
    charterCommittee = await person('charter.committee@test.example.org', { roles: ['committee'], committeeOf: ['charter'] });
    both = await person('both@test.example.org', { roles: ['committee', 'chair'], committeeOf: ['pact'], groupKeys: ['berlin'] });
    pactCycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { groups: ['education', 'sport'], requestInDays: 0.01 }))
        .expect(201)
    ).body.id;
    const tasks = await h.waitFor('tasks', async () => {
      const res = await h.http.get(`/api/cycles/${pactCycle}/tasks`).expect(200);
      return res.body.length === 2 && res.body;
    });
    pactTask = tasks.find((t: any) => t.groupKey === 'education').id;
  }, 90_000);
  afterAll(() => h.stop(), 60_000);

  it('stores the programme on the cycle and its tasks', async () => {
    const cycle = (await h.http.get(`/api/cycles/${pactCycle}`).expect(200)).body;
    expect(cycle.programme).toBe('pact');
    expect(await h.db.collection('tasks').distinct('programme', { cycleId: pactCycle })).toEqual(['pact']);
  });

  it("the Charter's committee finds none of the Pact's data, and changes none of it", async () => {
    const c = charterCommittee;
    expect((await c.get('/api/cycles').expect(200)).body).toEqual([]);
    for (const path of [
      `/api/cycles/${pactCycle}`,
      `/api/cycles/${pactCycle}/tasks`,
      `/api/cycles/${pactCycle}/events`,
      `/api/cycles/${pactCycle}/report`,
      `/api/cycles/${pactCycle}/report/versions`,
      `/api/tasks/${pactTask}`,
      '/api/working-groups/education',
    ]) {
      expect([path, (await c.get(path)).status]).toEqual([path, 404]);
    }
    await c.post(`/api/cycles/${pactCycle}/cancel`).send({ reason: 'not ours' }).expect(404);
    await c
      .post(`/api/tasks/${pactTask}/extensions`)
      .send({ dueAt: h.daysFromNow(90).toISOString(), reason: 'Not ours to extend' })
      .expect(404);
    await c.patch('/api/working-groups/education').send({ goal: 'Taken over' }).expect(404);
    await c.post('/api/working-groups/education/retire').expect(404);
    const start = shortCycle(h, { groups: ['education'] });
    const refused = await c
      .post('/api/cycles')
      .send({ ...start, programme: 'pact' })
      .expect(403);
    expect(refused.body.detail).toContain('committee of the programme "pact"');
    // Its own programme's rounds take its own cities only: a Pact group is unknown there (the rounds themselves: charter-round.e2e-spec.ts).
    expect(
      JSON.stringify(
        (
          await c
            .post('/api/cycles')
            .send({ ...start, groups: ['education'], milestones: undefined, programme: 'charter' })
            .expect(400)
        ).body,
      ),
    ).toContain('unknown working group \\"education\\"');
    // Its participants are the Charter's 52 cities, with their coordinators' addresses.
    const groups = (await c.get('/api/working-groups').expect(200)).body;
    expect(groups).toHaveLength(52);
    expect(new Set(groups.map((g: any) => g.programme))).toEqual(new Set(['charter']));
    expect(groups.find((g: any) => g.key === 'berlin')).toMatchObject({ country: 'DE', size: 'large', chair: { email: 'charter.berlin@cities.example.eu' } });
    // Nothing changed on the Pact's side.
    expect((await h.http.get(`/api/cycles/${pactCycle}`).expect(200)).body.status).not.toBe('cancelled');
    expect((await h.http.get('/api/working-groups/education').expect(200)).body.goal).not.toBe('Taken over');
  });

  it("the Pact's committee finds none of the Charter's data, and names no member of its committee", async () => {
    expect((await h.http.get('/api/working-groups').expect(200)).body).toHaveLength(12);
    await h.http.get('/api/working-groups/berlin').expect(404);
    await h.http.patch('/api/working-groups/berlin').send({ goal: 'x' }).expect(404);
    await h.http
      .post('/api/working-groups')
      .send({
        key: 'reykjavik',
        programme: 'charter',
        name: 'Reykjavik',
        country: 'IS',
        chair: { name: 'Anna', email: 'anna@reykjavik.example.is', language: 'en' },
      })
      .expect(404);
    const seat = await h.http.post('/api/users').send({ name: 'Seat', email: 'seat@test.example.org', roles: ['committee'], committeeOf: ['charter'] });
    expect(seat.status).toBe(403);
    expect(seat.body.detail).toContain('"charter"');
    await h.http.get('/api/cycles?programme=nowhere').expect(400);
    // Nor names a chair of the Charter's cities: they are as unknown to it as any other key.
    const chair = await h.http
      .post('/api/users')
      .send({ name: 'C', email: 'c@test.example.org', roles: ['chair'], groupKeys: ['berlin'] })
      .expect(400);
    expect(JSON.stringify(chair.body)).toContain('unknown working group');
  });

  it("people: each committee lists and manages its own programme's people only", async () => {
    const pactMember = (await h.http.get('/api/me').expect(200)).body.id;
    const charterMember = (await charterCommittee.get('/api/me').expect(200)).body.id;
    const seenByCharter = (await charterCommittee.get('/api/users').expect(200)).body.map((u: any) => u.id);
    expect(seenByCharter).toContain(charterMember);
    expect(seenByCharter).not.toContain(pactMember);
    expect((await h.http.get('/api/users').expect(200)).body.map((u: any) => u.id)).not.toContain(charterMember);
    await charterCommittee.patch(`/api/users/${pactMember}`).send({ name: 'Renamed' }).expect(404);
    await charterCommittee.post(`/api/users/${pactMember}/disable`).expect(404);
    await charterCommittee.post(`/api/users/${pactMember}/tokens`).send({ name: 'stolen' }).expect(404);
    await h.http.post(`/api/users/${charterMember}/disable`).expect(404);
    expect((await h.http.get('/api/me').expect(200)).body.name).not.toBe('Renamed');
  });

  it("a city's coordinator and a working group's chair see their own programme's groups only", async () => {
    const coordinator = await person('coordinator.berlin@test.example.org', { roles: ['chair'], groupKeys: ['berlin'] });
    expect((await coordinator.get('/api/cycles').expect(200)).body).toEqual([]);
    await coordinator.get(`/api/cycles/${pactCycle}`).expect(404);
    await coordinator.get(`/api/tasks/${pactTask}`).expect(404);
    const cities = (await coordinator.get('/api/working-groups').expect(200)).body;
    expect(cities).toHaveLength(52);
    // Other cities' coordinators by name only; their own with contact details.
    expect(cities.find((g: any) => g.key === 'vienna').chair).toEqual({ name: 'Charter coordinator' });
    expect(cities.find((g: any) => g.key === 'berlin').chair.email).toBe('charter.berlin@cities.example.eu');
    const chair = await h.chair('education');
    await chair.get('/api/working-groups/berlin').expect(404);
    expect((await chair.get('/api/working-groups').expect(200)).body).toHaveLength(12);
  });

  it('lists the programmes served, and the ones each person takes part in', async () => {
    expect((await h.http.get('/api/programmes').expect(200)).body.map((p: any) => [p.key, p.participantKind])).toEqual([
      ['pact', 'working-group'],
      ['charter', 'city'],
    ]);
    expect((await h.http.get('/api/me').expect(200)).body).toMatchObject({ committeeOf: ['pact'], programmes: ['pact'] });
    expect((await both.get('/api/me').expect(200)).body).toMatchObject({ committeeOf: ['pact'], programmes: ['pact', 'charter'] });
    const coordinator = await person('coordinator.me@test.example.org', { roles: ['chair'], groupKeys: ['berlin'] });
    expect((await coordinator.get('/api/me').expect(200)).body).toMatchObject({ committeeOf: [], programmes: ['charter'] });
  });

  it('operators see every programme; a person with roles in both acts in each as their roles there allow', async () => {
    const operator = h.agent(await h.tokenFor(['operator']));
    expect((await operator.get('/api/working-groups').expect(200)).body).toHaveLength(64);
    expect((await operator.get('/api/working-groups?programme=charter').expect(200)).body).toHaveLength(52);
    await operator.get(`/api/cycles/${pactCycle}`).expect(200);
    await operator.get('/api/working-groups/berlin').expect(200);

    // Committee of the Pact and coordinator of Berlin: the Pact's cycle and Berlin, but no committee rights in the Charter.
    await both.get(`/api/cycles/${pactCycle}`).expect(200);
    expect((await both.get('/api/working-groups/berlin').expect(200)).body.chair.email).toBe('charter.berlin@cities.example.eu');
    await both.patch('/api/working-groups/berlin').send({ goal: 'Ours now' }).expect(404);
    expect((await both.get('/api/working-groups/vienna').expect(200)).body.chair).toEqual({ name: 'Charter coordinator' });
  });

  it('the committee adds a city (its coordinator gets an account) and retires it; bad input is named and changes nothing', async () => {
    const c = charterCommittee;
    const reykjavik = {
      key: 'reykjavik',
      programme: 'charter',
      name: 'Reykjavik',
      country: 'IS',
      size: 'medium',
      chair: { name: 'Anna Jónsdóttir', email: 'anna@reykjavik.example.is', language: 'en' },
    };
    const bad = await c
      .post('/api/working-groups')
      .send({ ...reykjavik, key: 'Reykjavik City', country: 'Iceland' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/key/);
    expect(JSON.stringify(bad.body)).toMatch(/country/);
    await c.get('/api/working-groups/reykjavik').expect(404);
    await c
      .post('/api/working-groups')
      .send({ ...reykjavik, programme: 'nowhere' })
      .expect(400);

    const added = (await c.post('/api/working-groups').send(reykjavik).expect(201)).body;
    expect(added).toMatchObject({ key: 'reykjavik', programme: 'charter', fieldOfAction: 'Reykjavik', country: 'IS' });
    await c.post('/api/working-groups').send(reykjavik).expect(409);
    // A key names one participant across programmes.
    await c
      .post('/api/working-groups')
      .send({ ...reykjavik, key: 'education' })
      .expect(409);
    const account = await h.waitFor('the coordinator account', async () =>
      (await h.api.get(IdentityService).listUsers()).find((u) => u.email === 'anna@reykjavik.example.is'),
    );
    expect(account).toMatchObject({ roles: ['chair'], groupKeys: ['reykjavik'], committeeOf: [] });

    expect((await c.post('/api/working-groups/reykjavik/retire').expect(200)).body.retiredAt).toBeTruthy();
    await c.post('/api/working-groups/reykjavik/retire').expect(409);
    // Retired, still listed (its past answers keep their name).
    expect((await c.get('/api/working-groups/reykjavik').expect(200)).body.retiredAt).toBeTruthy();
  });

  it('a retired working group takes part in no new cycle; the cycles it took part in keep it', async () => {
    await h.http.post('/api/working-groups/sport/retire').expect(200);
    const next = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Next', requestInDays: 30 }))
        .expect(201)
    ).body;
    expect(next.groupKeys).not.toContain('sport');
    expect(next.groupKeys).toHaveLength(11);
    const named = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Named', groups: ['sport'], requestInDays: 30 }))
      .expect(400);
    expect(JSON.stringify(named.body)).toContain('retired');
    expect((await h.http.get(`/api/cycles/${pactCycle}`).expect(200)).body.groupKeys).toEqual(['education', 'sport']);
    expect((await h.http.get(`/api/cycles/${pactCycle}/tasks`).expect(200)).body.map((t: any) => t.groupKey).sort()).toEqual(['education', 'sport']);
  });
});
