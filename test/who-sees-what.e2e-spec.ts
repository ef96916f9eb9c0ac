import { MailSink } from '../apps/demo/src/delivery-sinks';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';
import { signInOverHttp } from './support/web';

/**
 * Least privilege by default (issue 17): before the committee publishes a report, a chair reads
 * their own group's part of it, not every group's texts; after publication, the published
 * version. Other people's contact details are the committee's and operators' to read. Over the
 * API and on the pages alike (one rule in the engine).
 */
describe('who sees what (e2e)', () => {
  const sink = new MailSink();
  let h: EngineHarness;
  let cycleId: string;

  beforeAll(async () => {
    await sink.start();
    h = new EngineHarness({ msPerDay: 1000, env: { ...sink.env() } });
    await h.start();
    const res = await h.http
      .post('/api/cycles')
      .send(
        shortCycle(h, {
          name: 'Privacy',
          groups: ['education', 'sport'],
          requestInDays: 0.001,
          dueAfterDays: 300,
          compileAfterDays: 400,
          lengthMonths: 24,
          reminders: [],
        }),
      )
      .expect(201);
    cycleId = res.body.id;
    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
    for (const t of (await h.http.get(`/api/cycles/${cycleId}/tasks`)).body) {
      await (await h.chair(t.groupKey)).post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey)).expect(201);
    }
    // Every report in: compiled at once.
    await h.waitFor('the compiled report', async () => (await h.http.get(`/api/cycles/${cycleId}/report`)).status === 200, 60_000);
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  it('before publication a chair reads their own group’s part of the report, in every format; the committee and operators the whole', async () => {
    const chair = await h.chair('education');
    const part = await chair.get(`/api/cycles/${cycleId}/report`).expect(200);
    expect(part.headers['x-report-scope']).toBe('part');
    expect(part.body.fields.map((f: { groupKey: string }) => f.groupKey)).toEqual(['education']);
    expect(part.body.coverage).toMatchObject({ total: 1, onTime: 1, missing: 0 });
    expect(part.body.part).toEqual({ groupKeys: ['education'] });
    expect(JSON.stringify(part.body)).not.toContain('sport: mentoring programme');
    for (const format of ['markdown', 'html', 'csv']) {
      const text = (await chair.get(`/api/cycles/${cycleId}/report?format=${format}`).expect(200)).text;
      expect({ format, sport: text.includes('sport: mentoring programme'), education: text.includes('education: mentoring programme') }).toEqual({
        format,
        sport: false,
        education: true,
      });
    }
    for (const token of [h.committeeToken, await h.tokenFor(['operator'])]) {
      const whole = await h.agent(token).get(`/api/cycles/${cycleId}/report`).expect(200);
      expect(whole.headers['x-report-scope']).toBe('whole');
      expect(whole.body.fields.map((f: { groupKey: string }) => f.groupKey)).toEqual(['education', 'sport']);
    }
  });

  it('the report page and its downloads show a chair their part, and say so', async () => {
    const agent = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    const page = await agent.get(`/cycles/${cycleId}/report`).expect(200);
    expect(page.text).toContain('data-report-scope="part"');
    expect(page.text).toContain('This is your working group’s part of the report.');
    expect(page.text).toContain('education: mentoring programme');
    expect(page.text).not.toContain('sport: mentoring programme');
    const csv = await agent.get(`/cycles/${cycleId}/report/download/csv`).expect(200);
    expect(csv.text).not.toContain('sport: mentoring programme');
  });

  it('after publication a chair reads the published version', async () => {
    await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(201);
    const chair = await h.chair('education');
    const published = await chair.get(`/api/cycles/${cycleId}/report`).expect(200);
    expect(published.headers['x-report-scope']).toBe('published');
    expect(published.headers['x-report-version']).toBe('1');
    expect(published.text).toBe((await chair.get(`/api/cycles/${cycleId}/report/versions/1`).expect(200)).text);
    expect(published.body.fields.map((f: { groupKey: string }) => f.groupKey)).toEqual(['education', 'sport']);
  });

  it('a chair sees other groups’ chairs by name only; the committee and operators see their contact details', async () => {
    const chair = await h.chair('education');
    const groups = (await chair.get('/api/working-groups').expect(200)).body as { key: string; chair: Record<string, unknown> }[];
    const own = groups.find((g) => g.key === 'education')!;
    const other = groups.find((g) => g.key === 'sport')!;
    expect(own.chair).toMatchObject({ name: expect.any(String), email: expect.stringContaining('@'), language: expect.any(String) });
    expect(other.chair).toEqual({ name: expect.any(String) });
    expect((await chair.get('/api/working-groups/sport').expect(200)).body.chair).toEqual({ name: expect.any(String) });
    for (const token of [h.committeeToken, await h.tokenFor(['operator'])]) {
      const all = (await h.agent(token).get('/api/working-groups').expect(200)).body as { chair: { email?: string } }[];
      expect(all.every((g) => g.chair.email?.includes('@'))).toBe(true);
    }
    const agent = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    const page = (await agent.get('/working-groups').expect(200)).text;
    expect(page).toContain(own.chair.email as string);
    expect(page).not.toContain('chair.sport@');
  });
});
