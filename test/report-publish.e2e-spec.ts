import { inLanguage } from '@pact/domain';
import { createHash } from 'node:crypto';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Publishing freezes the compiled report as numbered versions; a late revision recompiles the
 * live report, and publishing again makes the next version while the earlier one stays as it was.
 */
describe('published report versions (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  const groups = ['education', 'labour-market', 'sport'];
  let cycleId: string;
  beforeAll(async () => {
    await h.start();
    for (const g of groups) await h.chair(g);
    await h.tokenFor(['operator']);
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  it('refuses to publish before a report is compiled (409) and only lets the committee publish', async () => {
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Published cycle', groups, dueAfterDays: 80, compileAfterDays: 110 }))
        .expect(201)
    ).body;
    cycleId = cycle.id;
    const early = await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(409);
    expect(early.body.message).toMatch(/no compiled report to publish yet/);
    await h.http.post('/api/cycles/0123456789abcdef01234567/report/publish').expect(404);

    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
    const tasks = (await h.http.get(`/api/cycles/${cycleId}/tasks`)).body;
    // Two groups submit; sport's report is missing at the compile date.
    for (const g of ['education', 'labour-market']) {
      await (
        await h.chair(g)
      )
        .post(`/api/tasks/${tasks.find((t: any) => t.groupKey === g).id}/submissions`)
        .send(reportFor(g, 1))
        .expect(201);
    }
    await h.waitFor('compiled', async () => (await h.http.get(`/api/cycles/${cycleId}/report`)).status === 200, 60_000);

    await (await h.chair('sport')).post(`/api/cycles/${cycleId}/report/publish`).expect(403);
    await h
      .agent(await h.tokenFor(['operator']))
      .post(`/api/cycles/${cycleId}/report/publish`)
      .expect(403);
    await h.agent().post(`/api/cycles/${cycleId}/report/publish`).expect(401);
    await h.agent().get(`/api/cycles/${cycleId}/report/versions`).expect(401);
    expect((await h.http.get(`/api/cycles/${cycleId}/report/versions`).expect(200)).body).toEqual([]);
  }, 120_000);

  it('has the cycle’s timeline in the compiled report: counts per week and the key moments', async () => {
    const report = (await h.http.get(`/api/cycles/${cycleId}/report?format=json`).expect(200)).body;
    const t = report.timeline;
    expect(t.granularity).toBe('week');
    expect(t.totals).toMatchObject({ requests: 3, submissions: 2, extensions: 0 });
    // sport is reminded (14 and 3 days before due) and escalated (at due, to the committee 7 days
    // later): the timeline counts exactly the events recorded up to compilation. (Compared with
    // the log rather than fixed numbers: on a loaded machine a timer may fire after the compile date.)
    const events = (await h.events(cycleId)).filter((e) => new Date(e.at).getTime() <= new Date(report.compiledAt).getTime());
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(t.totals.reminders).toBe(count('task.reminded'));
    expect(t.totals.escalations).toBe(count('task.escalated'));
    expect(t.committeeEscalations).toBe(events.filter((e) => e.type === 'task.escalated' && e.data.target === 'committee').length);
    expect(t.totals.reminders + t.totals.escalations).toBeGreaterThan(0);
    const summed = t.buckets.reduce((n: number, b: any) => n + b.counts.requests + b.counts.reminders + b.counts.escalations + b.counts.submissions, 0);
    expect(summed).toBe(5 + t.totals.reminders + t.totals.escalations);
    expect(t.marks.map((m: any) => m.label)).toEqual([
      'Cycle starts',
      'Implementation report requested',
      'Implementation report due',
      'Implementation report compiled',
    ]);
    expect(new Date(t.to).getTime()).toBe(new Date(report.compiledAt).getTime());
    const md = (await h.http.get(`/api/cycles/${cycleId}/report?format=markdown`).expect(200)).text;
    expect(md).toContain('## Timeline');
    expect(md).toContain(
      `3 requests, ${t.totals.reminders} reminders, ${t.totals.escalations} escalations (${t.committeeEscalations} to the committee), 0 extensions, 2 submissions (0 late)`,
    );
  });

  let v1Bytes: string;
  it('publishes version 1, and publishing the unchanged report again returns it instead of a duplicate', async () => {
    const first = await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(201);
    expect(first.body).toMatchObject({ version: 1, milestoneKey: 'final', created: true, publishedBy: 'committee:committee@test.example.org' });
    expect(first.headers.location).toBe(`/api/cycles/${cycleId}/report/versions/1`);
    const again = await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(200);
    expect(again.body).toMatchObject({ version: 1, created: false, sha256: first.body.sha256 });
    const list = (await h.http.get(`/api/cycles/${cycleId}/report/versions`).expect(200)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).not.toHaveProperty('json');

    const v1 = await (
      await h.chair('sport')
    )
      .get(`/api/cycles/${cycleId}/report/versions/1`)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => cb(null, data));
      })
      .expect(200);
    v1Bytes = v1.body;
    expect(v1.headers['content-type']).toMatch(/^application\/json/);
    expect(v1.headers['x-report-sha256']).toBe(sha256(v1Bytes));
    expect(sha256(v1Bytes)).toBe(first.body.sha256);
    // The frozen version is the live report as it was, with every wording of its texts from
    // configuration (the live answer reads in the caller's language).
    expect(inLanguage(JSON.parse(v1Bytes), 'en')).toEqual((await h.http.get(`/api/cycles/${cycleId}/report`)).body);
    expect(JSON.parse(v1Bytes).coverage.byGroup[0].fieldOfAction).toMatchObject({ en: expect.any(String), de: expect.any(String), fr: expect.any(String) });
    expect(JSON.parse(v1Bytes).coverage).toMatchObject({ onTime: 2, late: 0, missing: 1 });
    const page = (await h.http.get(`/api/cycles/${cycleId}/report/versions/1?format=html`).expect(200)).text;
    expect(page).toContain('Published version 1');
    expect(page).toContain('<svg class="timeline"');
    await h.http.get(`/api/cycles/${cycleId}/report/versions/2`).expect(404);
    await h.http.get(`/api/cycles/${cycleId}/report/versions/one`).expect(400);
    await h.http.get(`/api/cycles/${cycleId}/report/versions/1?format=docx`).expect(400);
  });

  it('recompiles once after a late revision; version 2 includes it and version 1 stays byte for byte', async () => {
    const task = (await h.http.get(`/api/cycles/${cycleId}/tasks?group=sport`)).body[0];
    const sub = await (await h.chair('sport')).post(`/api/tasks/${task.id}/submissions`).send(reportFor('sport', 1)).expect(201);
    expect(sub.body.submission).toMatchObject({ late: true, afterCompilation: true });

    const live = await h.waitFor(
      'recompiled',
      async () => {
        const r = (await h.http.get(`/api/cycles/${cycleId}/report`)).body;
        return r.coverage.late === 1 && r;
      },
      60_000,
    );
    expect(live.coverage).toMatchObject({ onTime: 2, late: 1, missing: 0 });
    expect(live.timeline.totals.submissions).toBe(3);
    expect(live.timeline.lateSubmissions).toBe(1);
    expect(live.timeline.marks.map((m: any) => m.label)).toContain('Implementation report recompiled after a late revision');

    const second = await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(201);
    expect(second.body).toMatchObject({ version: 2, created: true });
    expect(second.body.sha256).not.toBe(sha256(v1Bytes));
    await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(200);

    const v1Again = (
      await h.http
        .get(`/api/cycles/${cycleId}/report/versions/1`)
        .buffer(true)
        .parse((res, cb) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () => cb(null, data));
        })
        .expect(200)
    ).body;
    expect(v1Again).toBe(v1Bytes);
    const v2 = (await h.http.get(`/api/cycles/${cycleId}/report/versions/2`).expect(200)).body;
    expect(v2.coverage).toMatchObject({ late: 1, missing: 0 });
    expect((await h.http.get(`/api/cycles/${cycleId}/report/versions`)).body.map((v: any) => v.version)).toEqual([1, 2]);

    // Exactly once: one recompilation, even with the reconciler running every second meanwhile.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await h.events(cycleId, 'report.recompiled')).toHaveLength(1);
    const published = await h.events(cycleId, 'report.published');
    expect(published.map((e) => [e.data.version, e.actor])).toEqual([
      [1, 'committee:committee@test.example.org'],
      [2, 'committee:committee@test.example.org'],
    ]);
    const stored = await h.db.collection('reports').findOne({ cycleId });
    expect(stored).toMatchObject({ lateRevisions: 1, lateRevisionsCompiled: 1, stale: false });
  }, 120_000);
});
