import { EngineHarness, shortCycle } from './support/engine-harness';

/** The change since the previous cycle, computed when the later report is compiled. */
describe('report comparison across cycles (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  const content = (implemented: number, actual: number) => ({
    measures: [
      { title: 'Language courses for parents', status: implemented > 0 ? 'implemented' : 'in-progress' },
      { title: 'Mentoring', status: implemented > 1 ? 'implemented' : 'planned' },
    ],
    indicators: [{ key: 'language-courses', baseline: 100, target: 200, actual }],
    goodPractices: ['Parents as co-teachers'],
  });

  async function runCycle(name: string, submissions: Record<string, object>): Promise<any> {
    const res = await h.http.post('/cycles').send(shortCycle(h, { name, groups: ['education', 'sport'], dueAfterDays: 30, compileAfterDays: 40 })).expect(201);
    await h.waitFor('tasks', async () => (await h.http.get(`/cycles/${res.body.id}`)).body.progress.milestones[0].status === 'requested');
    const tasks = (await h.http.get(`/cycles/${res.body.id}/tasks`)).body;
    for (const [group, body] of Object.entries(submissions)) {
      await (await h.chair(group)).post(`/tasks/${tasks.find((t: any) => t.groupKey === group).id}/submissions`).send(body).expect(201);
    }
    return h.waitFor('report', async () => {
      const r = await h.http.get(`/cycles/${res.body.id}/report`);
      return r.status === 200 && r.body;
    });
  }

  it('compares measures, indicators and coverage with the previous cycle of the same kind', async () => {
    const first = await runCycle('2030 cycle', { education: content(0, 120) });
    expect(first.changeSincePrevious).toBeNull();
    expect(first.coverage).toMatchObject({ onTime: 1, missing: 1 });
    const edu1 = first.fields.find((f: any) => f.groupKey === 'education');
    expect(edu1.indicators[0]).toMatchObject({ key: 'language-courses', name: 'Pupils in language support courses', unit: 'pupils', progress: 0.2, achieved: false });

    const second = await runCycle('2032 cycle', {
      education: content(2, 210),
      sport: { measures: [{ title: 'Club open days', status: 'implemented' }], indicators: [] },
    });
    // Compiled early: everyone was in before the due date.
    expect(new Date(second.compiledAt).getTime()).toBeLessThan(new Date(second.dueAt).getTime());
    const change = second.changeSincePrevious;
    expect(change.previousCycleName).toBe('2030 cycle');
    expect(change.coverage).toEqual({ onTime: 1, late: 0, missing: -1 });
    expect(change.measuresImplemented).toBe(3);
    expect(change.indicatorsAchieved).toBe(1);
    const edu = change.fields.find((f: any) => f.groupKey === 'education');
    expect(edu.indicators).toEqual([{ key: 'language-courses', name: 'Pupils in language support courses', unit: 'pupils', previousActual: 120, actual: 210, change: 90 }]);
    expect(edu.measuresByStatus).toMatchObject({ implemented: 2, 'in-progress': -1, planned: -1 });
    const sport = change.fields.find((f: any) => f.groupKey === 'sport');
    expect(sport.coverage).toEqual({ previous: 'missing', current: 'on-time' });
  });
});
