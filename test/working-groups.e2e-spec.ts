import { EngineHarness, shortCycle } from './support/engine-harness';

describe('working groups and chairs (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  it('lists the 12 fields of action of the Pact, loaded from config/programmes/pact.yaml', async () => {
    const groups = (await h.http.get('/api/working-groups').expect(200)).body;
    expect(groups).toHaveLength(12);
    expect(groups.map((g: any) => g.key)).toContain('inter-religious-dialogue');
    const edu = (await h.http.get('/api/working-groups/education').expect(200)).body;
    expect(edu).toMatchObject({ fieldOfAction: 'Integration through education', chair: { name: 'Anna Keller', language: 'de' } });
  });

  it('the committee names a new chair: recorded, used for the next notifications, kept across restarts', async () => {
    const chair = { name: 'Ines Duarte', email: 'ines.duarte@city.example.pt', language: 'fr' };
    const res = await h.http.patch('/api/working-groups/sport').send({ chair }).expect(200);
    expect(res.body.chair).toEqual(chair);
    const changed = await h.db.collection('events').findOne({ type: 'working-group.chair-changed', groupKey: 'sport' });
    expect(changed).toMatchObject({ actor: 'committee:committee@test.example.org', data: { to: chair, from: { name: 'Lena Schmidt' } } });
    // The new chair can act for the group at once: an account in their language, chair of the group,
    // whose token (issued by the committee) reaches the group's tasks; naming them again changes nothing.
    const users = (await h.http.get('/api/users').expect(200)).body as { id: string; email: string; roles: string[]; groupKeys: string[]; language?: string }[];
    const account = users.find((u) => u.email === chair.email)!;
    expect(account).toMatchObject({ roles: ['chair'], groupKeys: ['sport'], language: 'fr' });
    await h.http.patch('/api/working-groups/sport').send({ chair }).expect(200);
    expect((await h.http.get('/api/users').expect(200)).body.filter((u: { email: string }) => u.email === chair.email)).toHaveLength(1);

    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'After the change', groups: ['sport'] }))
        .expect(201)
    ).body;
    const sent = await h.waitFor('request notification', async () => (await h.events(cycle.id, 'notification.queued'))[0]);
    expect(sent.data).toMatchObject({ kind: 'task-requested', to: ['ines.duarte@city.example.pt'] });

    // A restart seeds config again, but does not undo the committee's choice.
    await h.api.close();
    const { createApi } = await import('../apps/api/src/bootstrap');
    h.api = await createApi();
    await h.api.init();
    const again = (await h.agent(h.committeeToken).get('/api/working-groups/sport').expect(200)).body;
    expect(again.chair).toEqual(chair);
  });
  it('two chair changes at once cannot cross: the second is a 409 when it read the chair the first replaced; access follows the chair in office', async () => {
    const users = async () => (await h.agent(h.committeeToken).get('/api/users').expect(200)).body as { email: string; groupKeys: string[] }[];
    const a = { name: 'Aino Virtanen', email: 'aino.virtanen@city.example.fi', language: 'en' };
    const b = { name: 'Bruno Costa', email: 'bruno.costa@city.example.pt', language: 'fr' };
    const answers = await Promise.all([a, b].map((chair) => h.agent(h.committeeToken).patch('/api/working-groups/neighbourhoods-housing').send({ chair })));
    // Both read the same chair (409 for the later), or the second read after the first wrote (both 200, in turn).
    const statuses = answers.map((r) => r.status).sort();
    expect([
      [200, 409],
      [200, 200],
    ]).toContainEqual(statuses);
    for (const r of answers.filter((x) => x.status === 409)) expect(JSON.stringify(r.body)).toContain('changed meanwhile');
    const winner = (await h.agent(h.committeeToken).get('/api/working-groups/neighbourhoods-housing').expect(200)).body.chair.email;
    const loser = winner === a.email ? b.email : a.email;
    const all = await users();
    expect(all.find((u) => u.email === winner)?.groupKeys).toEqual(['neighbourhoods-housing']);
    expect(all.find((u) => u.email === loser)?.groupKeys ?? []).not.toContain('neighbourhoods-housing');
  });

  it('a chair change whose access follow-up was left owed (the process died) is finished by the sweep', async () => {
    const users = async () => (await h.agent(h.committeeToken).get('/api/users').expect(200)).body as { email: string; groupKeys: string[] }[];
    const former = { name: 'Carla Mendes', email: 'carla.mendes@city.example.pt', language: 'en' };
    await h.agent(h.committeeToken).patch('/api/working-groups/labour-market').send({ chair: former }).expect(200);
    expect((await users()).find((u) => u.email === former.email)?.groupKeys).toEqual(['labour-market']);
    // The change as the update writes it, with nothing done after it.
    const next = { name: 'Dara Byrne', email: 'dara.byrne@city.example.ie', language: 'en' };
    await h.db
      .collection('working_groups')
      .updateOne({ key: 'labour-market' }, { $set: { chair: next }, $addToSet: { outbox: 'chair-access', formerChairs: former.email } });
    // Done when the access moved and the follow-up left the outbox (its last step, after the new chair's welcome is planned).
    await h.waitFor(
      'the sweep moving access',
      async () => {
        const all = await users();
        const done = !((await h.db.collection('working_groups').findOne({ key: 'labour-market' }))?.outbox ?? []).length;
        return (
          done &&
          all.find((u) => u.email === next.email)?.groupKeys.includes('labour-market') &&
          !all.find((u) => u.email === former.email)?.groupKeys.includes('labour-market')
        );
      },
      30_000,
    );
    const group = await h.db.collection('working_groups').findOne({ key: 'labour-market' });
    expect(group?.outbox ?? []).toEqual([]);
    // Former chairs stay listed: a later change withdraws them again should one have regained access meanwhile.
    expect(group?.formerChairs).toEqual(expect.arrayContaining([former.email]));
  });
});
