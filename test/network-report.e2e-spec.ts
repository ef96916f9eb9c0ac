import { CompilationService, IdentityService } from '@pact/engine';
import { EngineHarness } from './support/engine-harness';
import { pdfText } from './support/pdf-text';
import { takingPart } from './support/charter';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * A Charter round's network report served as the Pact report is (issue 19, point 5): over HTTP,
 * in every format and in the reader's language, to the Charter's committee; to a coordinator only
 * once published; frozen by publishing, each version served in every format with the same numbers.
 */
describe('the network report of a Charter round over HTTP (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 1000 });
  const CITIES = ['berlin', 'nantes', 'munich', 'malmo'];
  let committee: ReturnType<EngineHarness['agent']>;
  const coordinator: Record<string, ReturnType<EngineHarness['agent']>> = {};
  let cycleId: string;

  async function person(email: string, input: { roles: ('committee' | 'chair')[]; committeeOf?: string[]; groupKeys?: string[] }) {
    const identity = h.api.get(IdentityService);
    const user = await identity.createUser({ name: email, email, ...input }, 'test');
    return h.agent((await identity.issueToken(user.id, 'test', 30, 'test')).token);
  }

  beforeAll(async () => {
    await h.start();
    committee = await person('network.steering@test.example.org', { roles: ['committee'], committeeOf: ['charter'] });
    for (const c of CITIES) coordinator[c] = await person(`network.${c}@test.example.org`, { roles: ['chair'], groupKeys: [c] });
    const start = h.daysFromNow(0.01);
    const at = (days: number) => new Date(start.getTime() + days * 86_400_000).toISOString();
    cycleId = (
      await committee
        .post('/api/cycles')
        .send({
          programme: 'charter',
          name: 'Charter round 2028',
          start: start.toISOString(),
          groups: CITIES,
          milestones: [{ key: 'survey', title: 'Self-evaluation', kind: 'final', requestAt: start.toISOString(), dueAt: at(60), compileAt: at(90) }],
        })
        .expect(201)
    ).body.id;
    const tasks = await h.waitFor('the cities asked', async () => {
      const res = await committee.get(`/api/cycles/${cycleId}/tasks`).expect(200);
      return res.body.length === CITIES.length && res.body;
    });
    const taskOf = Object.fromEntries(tasks.map((t: any) => [t.groupKey, t.id]));
    const answer = (city: string, answers: Record<string, unknown>) =>
      coordinator[city].post(`/api/tasks/${taskOf[city]}/answers`).send({ answers }).expect(201);
    await answer('berlin', takingPart('partly', { 'communicate-equal-opportunities': 'fully', 'equality-in-procurement': 'not-applicable' }));
    await answer('nantes', takingPart('not-yet', { 'diverse-workforce': 'partly' }));
    await answer('munich', { 'take-part': false, 'decline-reason': 'A new council this year' });
    // Malmö says nothing.
  }, 90_000);
  afterAll(() => h.stop(), 60_000);

  it('answers 404 before the round is compiled', async () => {
    const res = await committee.get(`/api/cycles/${cycleId}/report`).expect(404);
    expect(res.body.detail).toContain('no report compiled yet');
  });

  it('serves the committee the network report in JSON with the numbers answered', async () => {
    await h.api.get(CompilationService).compile(cycleId, 'survey');
    const res = await committee.get(`/api/cycles/${cycleId}/report`).expect(200);
    expect(res.headers['x-report-kind']).toBe('network');
    expect(res.headers['x-report-scope']).toBe('whole');
    const r = res.body;
    expect(r.questionnaireKey).toBe('charter-self-evaluation');
    expect(r.participation).toEqual({ signatories: 4, answered: 3, tookPart: 2, declined: 1, declinedWithReason: 1, noAnswer: 1, rate: 0.5 });
    const commitment = (key: string) => r.roles.flatMap((x: any) => x.commitments).find((c: any) => c.key === key);
    expect(commitment('communicate-equal-opportunities').distribution).toMatchObject({
      counts: { fully: 1, partly: 0, 'not-yet': 1, 'not-applicable': 0 },
      rated: 2,
      scored: 2,
      meanScore: 2,
    });
    expect(commitment('diverse-workforce').distribution.counts).toEqual({ fully: 0, partly: 2, 'not-yet': 0, 'not-applicable': 0 });
    expect(commitment('equality-in-procurement').distribution).toMatchObject({ rated: 2, scored: 1, meanScore: 1 });
    expect(Object.fromEntries(r.cities.map((c: any) => [c.key, c.status]))).toEqual({
      berlin: 'took-part',
      nantes: 'took-part',
      munich: 'declined',
      malmo: 'no-answer',
    });
    // Texts from configuration in the reader's language: a role's title in German.
    const de = (await committee.get(`/api/cycles/${cycleId}/report`).set('Accept-Language', 'de').expect(200)).body;
    expect(typeof de.roles[0].title).toBe('string');
    expect(de.roles[0].title).not.toBe(r.roles[0].title);
  });

  it('serves every format with its content type, in the reader’s language', async () => {
    const html = await committee.get(`/api/cycles/${cycleId}/report?format=html`).expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(html.text).toContain('<svg class="stacked-bar"');
    expect(html.text).toContain('<table class="distribution">');
    expect(html.text).toMatch(/<html lang="en">/);
    const fr = await committee.get(`/api/cycles/${cycleId}/report?format=html`).set('Accept-Language', 'fr').expect(200);
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.text).toMatch(/<html lang="fr">/);
    expect(fr.text).toMatch(/50\s%/); // participation rate, written the French way (a narrow no-break space)

    const csv = await committee.get(`/api/cycles/${cycleId}/report`).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`network-report-${cycleId}-survey.csv`);
    // One row per rating of a city that took part: 2 cities × 11 commitments, after the header.
    const rows = csv.text.trim().split(/\r?\n/);
    expect(rows.filter((l) => /^"?Berlin/.test(l))).toHaveLength(11);

    const md = await committee.get(`/api/cycles/${cycleId}/report?format=markdown`).expect(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.text).toMatch(/^# /);
    expect(md.text).toContain('Charter round 2028');

    const pdf = await committee.get(`/api/cycles/${cycleId}/report?format=pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfText(pdf.body as Buffer)).text).toContain('Charter round 2028');
  }, 60_000);

  it('the Pact’s committee finds none of it', async () => {
    await h.http.get(`/api/cycles/${cycleId}/report`).expect(404);
    await h.http.get(`/api/cycles/${cycleId}/report/versions`).expect(404);
    await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(404);
  });

  it('a coordinator reads nothing of it before it is published', async () => {
    const res = await coordinator.berlin.get(`/api/cycles/${cycleId}/report`).expect(404);
    expect(res.body.detail).toContain('once the committee publishes it');
    await coordinator.berlin.post(`/api/cycles/${cycleId}/report/publish`).expect(403);
  });

  it('publishing freezes it as version 1, served in every format with the same numbers, to coordinators too', async () => {
    const live = (await committee.get(`/api/cycles/${cycleId}/report`).expect(200)).body;
    const published = await committee.post(`/api/cycles/${cycleId}/report/publish`).expect(201);
    expect(published.body).toMatchObject({ version: 1, milestoneKey: 'survey', kind: 'network', created: true });
    await committee.post(`/api/cycles/${cycleId}/report/publish`).expect(200); // unchanged: the same version

    const versions = (await committee.get(`/api/cycles/${cycleId}/report/versions`).expect(200)).body;
    expect(versions.map((v: any) => [v.version, v.kind])).toEqual([[1, 'network']]);
    const v1 = await committee.get(`/api/cycles/${cycleId}/report/versions/1`).expect(200);
    expect(v1.headers['x-report-kind']).toBe('network');
    expect(v1.headers['x-report-version']).toBe('1');
    expect(v1.body.participation).toEqual(live.participation);
    expect(v1.body.roles.map((r: any) => r.distribution)).toEqual(live.roles.map((r: any) => r.distribution));
    const stored = await h.db.collection('report_versions').findOne({ cycleId, version: 1 });
    expect(stored?.kind).toBe('network');
    expect(JSON.parse(stored!.json).participation.rate).toBe(0.5);

    for (const [format, type] of [
      ['html', 'text/html; charset=utf-8'],
      ['csv', 'text/csv; charset=utf-8'],
      ['markdown', 'text/markdown; charset=utf-8'],
    ]) {
      const res = await committee.get(`/api/cycles/${cycleId}/report/versions/1?format=${format}`).expect(200);
      expect([format, res.headers['content-type']]).toEqual([format, type]);
    }
    const html = (await committee.get(`/api/cycles/${cycleId}/report/versions/1?format=html`).expect(200)).text;
    expect(html).toContain('class="edition"');

    // The coordinator now reads the published version, whole.
    const read = await coordinator.berlin.get(`/api/cycles/${cycleId}/report`).expect(200);
    expect(read.headers['x-report-scope']).toBe('published');
    expect(read.headers['x-report-version']).toBe('1');
    expect(read.body.participation).toEqual(live.participation);
    expect((await coordinator.malmo.get(`/api/cycles/${cycleId}/report/versions/1`).expect(200)).body.participation.tookPart).toBe(2);
  }, 60_000);
});
