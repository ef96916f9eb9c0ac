import { EngineHarness, shortCycle } from './support/engine-harness';

describe('working groups and chairs (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  it('lists the 12 fields of action of the Pact, loaded from config/pact.yaml', async () => {
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

    const cycle = (await h.http.post('/api/cycles').send(shortCycle(h, { name: 'After the change', groups: ['sport'] })).expect(201)).body;
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
});
