import { EngineHarness, shortCycle } from './support/engine-harness';

/** The change since the previous cycle, computed when the later report is compiled. */
describe('report comparison across cycles (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  beforeAll(async () => {
    await h.start();
    // Chairs registered up front, so submitting is all that happens inside the due window.
    await h.chair('education');
    await h.chair('sport');
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  const content = (implemented: number, actual: number) => ({
    measures: [
      { title: 'Language courses for parents', status: implemented > 0 ? 'implemented' : 'in-progress' },
      { title: 'Mentoring', status: implemented > 1 ? 'implemented' : 'planned' },
    ],
    indicators: [{ key: 'language-courses', baseline: 100, target: 200, actual }],
    goodPractices: ['Parents as co-teachers'],
  });

  const ids: string[] = [];
  async function runCycle(name: string, submissions: Record<string, object>): Promise<any> {
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name, groups: ['education', 'sport'], dueAfterDays: 60, compileAfterDays: 90 }))
      .expect(201);
    ids.push(res.body.id);
    await h.waitFor('tasks', async () => (await h.http.get(`/api/cycles/${res.body.id}`)).body.progress.milestones[0].status === 'requested');
    const tasks = (await h.http.get(`/api/cycles/${res.body.id}/tasks`)).body;
    for (const [group, body] of Object.entries(submissions)) {
      await (
        await h.chair(group)
      )
        .post(`/api/tasks/${tasks.find((t: any) => t.groupKey === group).id}/submissions`)
        .send(body)
        .expect(201);
    }
    return h.waitFor('report', async () => {
      const r = await h.http.get(`/api/cycles/${res.body.id}/report`);
      return r.status === 200 && r.body;
    });
  }

  it('compares measures, indicators and coverage with the previous cycle of the same kind', async () => {
    const first = await runCycle('2030 cycle', { education: content(0, 120) });
    expect(first.changeSincePrevious).toBeNull();
    expect(first.coverage).toMatchObject({ onTime: 1, missing: 1 });
    const edu1 = first.fields.find((f: any) => f.groupKey === 'education');
    expect(edu1.indicators[0]).toMatchObject({
      key: 'language-courses',
      name: 'Pupils in language support courses',
      unit: 'pupils',
      progress: 0.2,
      achieved: false,
    });

    const second = await runCycle('2032 cycle', {
      education: content(2, 210),
      sport: { measures: [{ title: 'Club open days', status: 'implemented' }], indicators: [] },
    });
    // Compiled early: everyone was in, so it did not wait for the compile date (30 days after due).
    expect(new Date(second.compiledAt).getTime()).toBeLessThan(new Date(second.dueAt).getTime() + 30 * 86_400_000);
    expect(second.coverage).toMatchObject({ onTime: 2, late: 0, missing: 0 });
    const change = second.changeSincePrevious;
    expect(change.previousCycleName).toBe('2030 cycle');
    expect(change.coverage).toEqual({ onTime: 1, late: 0, missing: -1 });
    expect(change.measuresImplemented).toBe(3);
    expect(change.indicatorsAchieved).toBe(1);
    const edu = change.fields.find((f: any) => f.groupKey === 'education');
    expect(edu.indicators).toEqual([
      { key: 'language-courses', name: 'Pupils in language support courses', unit: 'pupils', previousActual: 120, actual: 210, change: 90 },
    ]);
    expect(edu.measuresByStatus).toMatchObject({ implemented: 2, 'in-progress': -1, planned: -1 });
    const sport = change.fields.find((f: any) => f.groupKey === 'sport');
    expect(sport.coverage).toEqual({ previous: 'missing', current: 'on-time' });
  });

  it('serves the report as Markdown, CSV and a standalone HTML page with SVG charts, and compares cycles', async () => {
    const [first, second] = ids;
    // The committee reads the whole report (a chair reads their group's part until it is published: who-sees-what.e2e-spec).
    const committee = h.http;
    const md = await committee.get(`/api/cycles/${second}/report`).set('Accept', 'text/markdown').expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toMatch(/^# 2032 cycle: Implementation report/);
    expect(md.text).toContain('| Integration through education | on time |');
    expect(md.text).toContain('| Integration through sport | on time |');
    expect(md.text).toContain('Compared with 2030 cycle');

    const csv = await h.http.get(`/api/cycles/${second}/report?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="report-.*\.csv"/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0].split(',')).toHaveLength(15); // with the measures' description column
    // education: 2 measures, 1 indicator, 1 good practice; sport: 1 measure.
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',')[5])
        .sort(),
    ).toEqual(['good_practice', 'indicator', 'measure', 'measure', 'measure']);
    expect(rows.find((r) => r.includes(',indicator,'))).toContain(',pupils,100,200,210,1.1,yes');

    const html = await h.http.get(`/api/cycles/${second}/report`).set('Accept', 'text/html').expect(200);
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(html.text).not.toMatch(/<script|<link|src="http/i);
    expect(html.text.match(/<svg class="bar"/g)?.length).toBe(3); // two fields and the total
    for (const f of ['Integration through education', 'Integration through sport']) expect(html.text).toContain(f);

    await h.http.get(`/api/cycles/${second}/report`).set('Accept', 'image/png').expect(406);
    await h.http.get(`/api/cycles/${second}/report?format=docx`).expect(400);

    const cmp = (await h.http.get(`/api/reports/compare?from=${first}&to=${second}`).expect(200)).body;
    expect(cmp.coverage).toEqual({ onTime: 1, late: 0, missing: -1 });
    expect(cmp.fields.find((f: any) => f.groupKey === 'education').indicators[0]).toMatchObject({ previousActual: 120, actual: 210, change: 90 });
    await h.http.get(`/api/reports/compare?from=${first}&to=${first}`).expect(400);
    await h.http.get(`/api/reports/compare?from=${first}`).expect(400);
  });
});
