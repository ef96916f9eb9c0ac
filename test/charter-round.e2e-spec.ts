import { CompilationService, IdentityService } from '@pact/engine';
import { EngineHarness } from './support/engine-harness';
import { takingPart } from './support/charter';

/**
 * The Integrating Cities Charter's questionnaire rounds over HTTP (issue 19): its committee starts
 * one for its cities; each coordinator answers the round's questionnaire (or declines), checked
 * against it; the round compiles its network report, and the ratings become observations.
 */
describe('a Charter questionnaire round (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 1000 });
  const CITIES = ['berlin', 'nantes', 'munich', 'malmo'];
  let committee: ReturnType<EngineHarness['agent']>;
  const coordinator: Record<string, ReturnType<EngineHarness['agent']>> = {};
  let cycleId: string;
  const taskOf: Record<string, string> = {};

  async function person(email: string, input: { roles: ('committee' | 'chair')[]; committeeOf?: string[]; groupKeys?: string[] }) {
    const identity = h.api.get(IdentityService);
    const user = await identity.createUser({ name: email, email, ...input }, 'test');
    return h.agent((await identity.issueToken(user.id, 'test', 30, 'test')).token);
  }

  function round(name: string) {
    const start = h.daysFromNow(0.01);
    const at = (days: number) => new Date(start.getTime() + days * 86_400_000).toISOString();
    return {
      programme: 'charter',
      name,
      start: start.toISOString(),
      lengthMonths: 24,
      groups: CITIES,
      milestones: [{ key: 'survey', title: 'Self-evaluation', kind: 'final', requestAt: start.toISOString(), dueAt: at(60), compileAt: at(90) }],
    };
  }

  beforeAll(async () => {
    await h.start();
    committee = await person('charter.steering@test.example.org', { roles: ['committee'], committeeOf: ['charter'] });
    for (const c of CITIES) coordinator[c] = await person(`coordinator.${c}@test.example.org`, { roles: ['chair'], groupKeys: [c] });
    const started = await committee.post('/api/cycles').send(round('Charter round 2027')).expect(201);
    cycleId = started.body.id;
    const tasks = await h.waitFor('the cities asked', async () => {
      const res = await committee.get(`/api/cycles/${cycleId}/tasks`).expect(200);
      return res.body.length === CITIES.length && res.body;
    });
    for (const t of tasks) taskOf[t.groupKey] = t.id;
  }, 90_000);
  afterAll(() => h.stop(), 60_000);

  it('starts as a questionnaire round: the programme, the questionnaire version it asks, no report template', async () => {
    const cycle = (await committee.get(`/api/cycles/${cycleId}`).expect(200)).body;
    expect(cycle).toMatchObject({ programme: 'charter', questionnaireKey: 'charter-self-evaluation', questionnaireVersion: 1, groupKeys: CITIES });
    expect(cycle.templateKey).toBeUndefined();
    expect(cycle.milestones.map((m: any) => m.key)).toEqual(['survey']);
    const used = await h.db.collection('questionnaire_versions').findOne({ _id: 'charter-self-evaluation:1' as any });
    expect(used?.definition.sections.map((s: any) => s.key)).toEqual([
      'participation',
      'policy-makers',
      'service-providers',
      'employers',
      'buyers',
      'good-practices',
    ]);
    // A report template is not what a round asks.
    const refused = await committee
      .post('/api/cycles')
      .send({ ...round('With a template'), templateKey: 'pact-implementation' })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('asks its questionnaire');
  });

  it('refuses answers that do not fit the questionnaire, naming each by its path, and stores nothing', async () => {
    const res = await coordinator.berlin
      .post(`/api/tasks/${taskOf.berlin}/answers`)
      .send({ answers: { ...takingPart('fully'), 'migrant-engagement': 'always', 'no-such-question': 1, 'diverse-workforce': undefined } })
      .expect(400);
    const body = JSON.stringify(res.body);
    for (const path of ['answers.migrant-engagement', 'answers.no-such-question', 'answers.diverse-workforce']) expect(body).toContain(path);
    await coordinator.berlin.post(`/api/tasks/${taskOf.berlin}/answers`).send({ answers: 'all fine' }).expect(400);
    // A report is not what a round's task takes.
    const report = await coordinator.berlin
      .post(`/api/tasks/${taskOf.berlin}/submissions`)
      .send({ measures: [{ title: 'A', status: 'planned' }], indicators: [] })
      .expect(400);
    expect(JSON.stringify(report.body)).toContain('questionnaire round');
    expect((await coordinator.berlin.get(`/api/tasks/${taskOf.berlin}`).expect(200)).body.task.status).toBe('open');
    expect(await h.db.collection('submissions').countDocuments({ cycleId })).toBe(0);
  });

  it('a coordinator answers only their own city’s task', async () => {
    await coordinator.nantes
      .post(`/api/tasks/${taskOf.berlin}/answers`)
      .send({ answers: { 'take-part': false } })
      .expect(404);
    await h.http
      .post(`/api/tasks/${taskOf.berlin}/answers`)
      .send({ answers: { 'take-part': false } })
      .expect(403);
  });

  it('stores each answer set as a revision, keeping only the answers to questions shown', async () => {
    const berlin = await coordinator.berlin
      .post(`/api/tasks/${taskOf.berlin}/answers`)
      .send({ answers: takingPart('partly', { 'communicate-equal-opportunities': 'fully', 'equality-in-procurement': 'not-applicable' }) })
      .expect(201);
    expect(berlin.body.submission).toMatchObject({ revision: 1, groupKey: 'berlin' });
    expect(berlin.body.task.status).toBe('submitted');
    // Nantes first answers, then revises one rating: its latest revision counts.
    await coordinator.nantes
      .post(`/api/tasks/${taskOf.nantes}/answers`)
      .send({ answers: takingPart('not-yet') })
      .expect(201);
    const revised = await coordinator.nantes
      .post(`/api/tasks/${taskOf.nantes}/answers`)
      .send({ answers: takingPart('not-yet', { 'diverse-workforce': 'partly' }) })
      .expect(201);
    expect(revised.body.submission.revision).toBe(2);
    // Munich declines; the ratings it had typed are not kept (the question was not shown).
    const declined = await coordinator.munich
      .post(`/api/tasks/${taskOf.munich}/answers`)
      .send({ answers: { ...takingPart('fully'), 'take-part': false, 'decline-reason': 'A new council this year' } })
      .expect(201);
    expect(declined.body.submission.answers).toEqual({ 'take-part': false, 'decline-reason': 'A new council this year' });
    const view = (await coordinator.munich.get(`/api/tasks/${taskOf.munich}`).expect(200)).body;
    expect(view.revisions.map((r: any) => r.answers['take-part'])).toEqual([false]);
  });

  it('compiles the network report: participation, each commitment’s ratings, who said nothing', async () => {
    await h.api.get(CompilationService).compile(cycleId, 'survey');
    const stored = await h.db.collection('reports').findOne({ cycleId, milestoneKey: 'survey' });
    expect(stored?.programme).toBe('charter');
    const network = stored!.network;
    expect(network.participation).toEqual({ signatories: 4, answered: 3, tookPart: 2, declined: 1, declinedWithReason: 1, noAnswer: 1, rate: 0.5 });
    const commitment = (key: string) => network.roles.flatMap((r: any) => r.commitments).find((c: any) => c.key === key);
    expect(commitment('communicate-equal-opportunities').distribution.counts).toEqual({ fully: 1, partly: 0, 'not-yet': 1, 'not-applicable': 0 });
    expect(commitment('diverse-workforce').distribution.counts).toEqual({ fully: 0, partly: 2, 'not-yet': 0, 'not-applicable': 0 });
    expect(commitment('equality-in-procurement').distribution).toMatchObject({ rated: 2, scored: 1, meanScore: 1 });
    expect(Object.fromEntries(network.cities.map((c: any) => [c.key, c.status]))).toEqual({
      berlin: 'took-part',
      nantes: 'took-part',
      munich: 'declined',
      malmo: 'no-answer',
    });
    // The coverage beside it: three answered on time, one missing.
    expect(stored!.report.coverage).toMatchObject({ onTime: 3, late: 0, missing: 1 });
  });

  it('records each rating as an observation of the city, the latest revision standing', async () => {
    const series = (await committee.get('/api/indicators/diverse-workforce/series?programme=charter&participant=nantes').expect(200)).body;
    expect(series.values.map((v: any) => v.value)).toEqual([2]);
    const berlin = (await committee.get('/api/indicators/communicate-equal-opportunities/series?programme=charter&participant=berlin').expect(200)).body;
    expect(berlin.values.map((v: any) => v.value)).toEqual([3]);
  });

  it('the Pact’s committee finds none of it', async () => {
    await h.http.get(`/api/cycles/${cycleId}`).expect(404);
    await h.http.get(`/api/tasks/${taskOf.berlin}`).expect(404);
  });
});
