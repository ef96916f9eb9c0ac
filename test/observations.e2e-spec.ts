import { periodOf, type Observation } from '@pact/domain';
import { ObservationService } from '@pact/engine';
import { ObservationSeriesRepository } from '@pact/persistence';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * Indicators over time (issue 19, point 6): every accepted value of a catalogue indicator is
 * stored as an observation when its revision is, keyed so that a participant's series and a
 * period's peers are each one read by `_id`; a later revision replaces the value of its period.
 */
describe('indicator observations (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 2000 });
  let cycleId: string;
  let tasks: { id: string; groupKey: string }[];

  beforeAll(async () => {
    await h.start();
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Indicators', groups: ['education', 'sport'], requestInDays: 0.01, dueAfterDays: 200, compileAfterDays: 300 }))
      .expect(201);
    cycleId = res.body.id;
    tasks = await h.waitFor(
      'tasks requested',
      async () => {
        const list = (await h.http.get(`/api/cycles/${cycleId}/tasks`).expect(200)).body;
        return list.length === 2 && list;
      },
      60_000,
    );
  }, 120_000);
  afterAll(() => h.stop(), 60_000);

  const taskOf = (group: string) => tasks.find((t) => t.groupKey === group)!;
  const withIndicators = (indicators: object[]) => ({ ...reportFor('education'), indicators });
  const SERIES = '/api/indicators/education.early-school-leavers/series?participant=education';

  it('serves the catalogues: the Pact’s and the Charter’s, with their texts in every language', async () => {
    const all = (await h.http.get('/api/indicators').expect(200)).body;
    expect(all.map((c: any) => c.programme).sort()).toEqual(['charter', 'pact']);
    const pact = (await h.http.get('/api/indicators?programme=pact').expect(200)).body;
    expect(pact).toHaveLength(1);
    expect(pact[0].indicators.find((i: any) => i.code === 'education.early-school-leavers')).toMatchObject({ polarity: 'lower-is-better', unit: '%' });
    const german = (await h.http.get('/api/indicators?programme=charter').set('Accept-Language', 'de').expect(200)).body;
    expect(german[0].indicators[0]).toMatchObject({ code: 'communicate-equal-opportunities', unit: 'Bewertung 1–3' });
  });

  it('a submission over HTTP stores its observations by key; a second revision replaces the value of its period', async () => {
    const chair = await h.chair('education');
    const education = taskOf('education');
    await chair
      .post(`/api/tasks/${education.id}/submissions`)
      .send(
        withIndicators([
          { key: 'early-school-leavers', baseline: 12, target: 8, actual: 10.5 },
          { key: 'language-courses', baseline: 100, target: 300, actual: 180 },
          { key: 'custom-reach', name: 'People reached', unit: 'people', baseline: 1, target: 2, actual: 2 },
        ]),
      )
      .expect(201);

    const period = `${cycleId}-final`;
    const stored = await h.db.collection('observation_series').findOne({ _id: `pact:education.early-school-leavers:education` as never });
    expect(stored).toMatchObject({ programme: 'pact', indicator: 'education.early-school-leavers', participant: 'education' });
    // A chair's own indicator is in no catalogue: no observation.
    expect(await h.db.collection('observation_series').countDocuments({ indicator: 'education.custom-reach' })).toBe(0);

    const first = (await chair.get(SERIES).expect(200)).body;
    expect(first.values).toEqual([
      expect.objectContaining({
        value: 10.5,
        period: expect.objectContaining({ key: period, cycleId, milestoneKey: 'final' }),
        provenance: expect.objectContaining({ kind: 'revision', taskId: education.id, revision: 1 }),
      }),
    ]);

    // Revision 2: a new value for one indicator, the other left out (its value of this period is withdrawn).
    await chair
      .post(`/api/tasks/${education.id}/submissions`)
      .send(withIndicators([{ key: 'early-school-leavers', baseline: 12, target: 8, actual: 9 }]))
      .expect(201);
    const second = (await chair.get(SERIES).expect(200)).body;
    expect(second.values.map((v: any) => [v.period.key, v.value, v.provenance.revision])).toEqual([[period, 9, 2]]);
    expect((await chair.get('/api/indicators/education.language-courses/series?participant=education').expect(200)).body.values).toEqual([]);

    // The committee reads the period's values by key, as the peers' comparison.
    const peers = (await h.http.get(`/api/indicators/education.early-school-leavers/peers?period=${period}`).expect(200)).body;
    expect(peers).toMatchObject({ period: { key: period }, median: 9, values: [{ participant: 'education', value: 9 }] });
  });

  it('a follow-up run again (the sweep after a crash) stores the same values, not more', async () => {
    const before = await h.db.collection('observation_series').findOne({ _id: `pact:education.early-school-leavers:education` as never });
    const education = taskOf('education');
    const submissions = await h.db.collection('submissions').find({ taskId: education.id }).toArray();
    const task = (await h.http.get(`/api/tasks/${education.id}`).expect(200)).body.task;
    const service = h.api.get(ObservationService);
    for (const s of submissions) await service.recordRevision({ ...task, originalDueAt: new Date(task.originalDueAt) }, { ...s, id: String(s._id) } as never);
    const after = await h.db.collection('observation_series').findOne({ _id: `pact:education.early-school-leavers:education` as never });
    expect(after).toEqual(before);
    expect((await (await h.chair('education')).get(SERIES).expect(200)).body.values.map((v: any) => v.value)).toEqual([9]);
  });

  it('peers of the Charter: every city’s rating of a commitment in one period, read by key; a series across periods, oldest first', async () => {
    const importedAt = new Date('2030-01-01T00:00:00Z');
    const rating = (participant: string, year: number, value: number | null): Observation => ({
      programme: 'charter',
      indicator: 'diverse-workforce',
      participant,
      period: periodOf.year(year),
      value,
      provenance: { kind: 'import', importedAt },
    });
    await h.api
      .get(ObservationService)
      .record([rating('ghent', 2015, 2), rating('lyon', 2015, 3), rating('athens', 2015, null), rating('ghent', 2013, 1), rating('bristol', 2015, 1)]);

    // The Charter's numbers are for its committee and operators: the Pact's committee finds none of them.
    await h.http.get('/api/indicators/diverse-workforce/peers?programme=charter&period=2015').expect(404);
    const operator = h.agent(await h.tokenFor(['operator']));
    const peers = (await operator.get('/api/indicators/diverse-workforce/peers?programme=charter&period=2015').expect(200)).body;
    expect(peers.values.map((v: any) => [v.participant, v.value])).toEqual([
      ['bristol', 1],
      ['ghent', 2],
      ['lyon', 3],
    ]);
    expect(peers.median).toBe(2);
    await h.http.get('/api/indicators/diverse-workforce/series?programme=charter&participant=ghent').expect(404);
    const series = (await operator.get('/api/indicators/diverse-workforce/series?programme=charter&participant=ghent').expect(200)).body;
    expect(series.values.map((v: any) => [v.period.key, v.value, v.provenance.kind])).toEqual([
      ['2013', 1, 'import'],
      ['2015', 2, 'import'],
    ]);
  });

  it('reads as the reports are read: a chair their own group’s series only, peers the committee’s and operators’; bad input is named', async () => {
    const chair = await h.chair('sport');
    await chair.get(SERIES).expect(404);
    await chair.get('/api/indicators/sport.club-members/series?participant=sport').expect(200);
    await chair.get(`/api/indicators/education.early-school-leavers/peers?period=${cycleId}-final`).expect(403);
    const operator = h.agent(await h.tokenFor(['operator']));
    await operator.get(SERIES).expect(200);

    const missing = await h.http.get('/api/indicators/education.early-school-leavers/series').expect(400);
    expect(JSON.stringify(missing.body)).toContain('participant');
    const badPeriod = await h.http.get('/api/indicators/education.early-school-leavers/peers?period=last-year').expect(400);
    expect(JSON.stringify(badPeriod.body)).toContain('period');
    const unknown = await h.http.get('/api/indicators/education.nothing/series?participant=education').expect(404);
    expect(JSON.stringify(unknown.body)).toContain('education.nothing');
    await h.http.get('/api/indicators/diverse-workforce/peers?period=2015').expect(404); // the Pact has no such indicator
  });

  it('a crash between the revision and its observations leaves the revision’s key to the sweep, which records them', async () => {
    const sport = taskOf('sport');
    const repository = h.api.get(ObservationSeriesRepository, { strict: false });
    const original = repository.record;
    let crashed = false;
    repository.record = async (...args: Parameters<typeof original>) => {
      if (!crashed) {
        crashed = true;
        throw new Error('simulated crash');
      }
      return original.apply(repository, args);
    };
    try {
      const res = await (
        await h.chair('sport')
      )
        .post(`/api/tasks/${sport.id}/submissions`)
        .send({ ...reportFor('sport'), indicators: [{ key: 'club-members', baseline: 100, target: 300, actual: 240 }] });
      expect(res.status).toBeGreaterThanOrEqual(500);
    } finally {
      repository.record = original;
    }
    expect(crashed).toBe(true);
    // The revision is stored and its key owed; the worker's sweep (its own process here) does the follow-ups.
    const values = await h.waitFor(
      'the sweep records the observation',
      async () => {
        const v = (await h.http.get('/api/indicators/sport.club-members/series?participant=sport').expect(200)).body.values;
        return v.length > 0 && v;
      },
      60_000,
    );
    expect(values.map((v: any) => [v.value, v.provenance.revision])).toEqual([[240, 1]]);
  }, 90_000);
});
