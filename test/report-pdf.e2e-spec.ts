import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_OUTPUT } from './support/chromium';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';
import { pdfText as parsePdf } from './support/pdf-text';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The report printed to PDF by headless Chromium in the API, read back as text. */
describe('implementation report as PDF (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  let cycleId: string;
  let fields: string[];
  beforeAll(async () => {
    await h.start();
    for (const g of ['education', 'sport', 'security']) await h.chair(g);
    fields = (await h.http.get('/api/working-groups').expect(200)).body.map((g: any) => g.fieldOfAction);
    mkdirSync(TEST_OUTPUT, { recursive: true });
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  it('prints the whole report, every working group and the charts, on A4 pages', async () => {
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Pact PDF cycle 2030', dueAfterDays: 80, compileAfterDays: 110 }))
        .expect(201)
    ).body;
    cycleId = cycle.id;
    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
    const tasks = (await h.http.get(`/api/cycles/${cycleId}/tasks`)).body;
    expect(tasks).toHaveLength(12);
    for (const g of ['education', 'sport', 'security']) {
      await (
        await h.chair(g)
      )
        .post(`/api/tasks/${tasks.find((t: any) => t.groupKey === g).id}/submissions`)
        .send(reportFor(g, 1))
        .expect(201);
    }
    await h.waitFor('compiled', async () => (await h.http.get(`/api/cycles/${cycleId}/report`)).status === 200, 60_000);

    const res = await h.http.get(`/api/cycles/${cycleId}/report`).set('Accept', 'application/pdf').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="report-[0-9a-f]{24}-final\.pdf"$/);
    const pdf: Buffer = res.body;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(TEST_OUTPUT, 'implementation-report.pdf'), pdf);

    const { text, pages, title } = await parsePdf(pdf);
    expect(title).toBe('Pact PDF cycle 2030: Implementation report');
    expect(text).toContain('Pact PDF cycle 2030');
    expect(text).toContain('3 on time, 0 late, 9 missing of 12 working groups.');
    for (const f of fields) expect(text).toContain(f);
    expect(text).toContain('Timeline');
    expect(text).toContain('sport: mentoring programme');
    // The page numbers in the footer, and a sane length for 12 groups.
    expect(text).toMatch(/page 1 of \d+/);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(20);
  }, 120_000);

  it('prints every answer, also emoji and right-to-left scripts with real glyphs: the fonts the report needs are installed with Chromium', async () => {
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Scripts cycle', groups: ['education'], dueAfterDays: 80, compileAfterDays: 110 }))
        .expect(201)
    ).body;
    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycle.id}`)).body.progress.milestones[0].status === 'requested');
    const [task] = (await h.http.get(`/api/cycles/${cycle.id}/tasks`)).body;
    const base = reportFor('education');
    const content = {
      ...base,
      measures: [{ ...base.measures[0], description: 'Weekly meetings in three districts.\nTwo more are planned, with childcare.' }, base.measures[1]],
      goodPractices: ['Parents’ café 🌍🤝☕ every week', 'تعليم اللغة للأهل', 'שיעורי שפה להורים'],
    };
    await (await h.chair('education')).post(`/api/tasks/${task.id}/submissions`).send(content).expect(201);
    await h.waitFor('compiled', async () => (await h.http.get(`/api/cycles/${cycle.id}/report`)).status === 200, 60_000);
    const pdf: Buffer = (await h.http.get(`/api/cycles/${cycle.id}/report?format=pdf`).buffer(true).parse(binary).expect(200)).body;
    writeFileSync(join(TEST_OUTPUT, 'report-emoji-rtl.pdf'), pdf);
    // The fonts Chromium embedded: emoji drawn from Noto Color Emoji and the Arabic and Hebrew
    // from DejaVu, not from a font without those glyphs (empty boxes).
    const fonts = new Set([...pdf.toString('latin1').matchAll(/\/FontName \/[A-Z]{6}\+([A-Za-z0-9-]+)/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(expect.arrayContaining(['NotoColorEmoji', 'DejaVuSans']));
    const { text } = await parsePdf(pdf);
    expect(text).toContain('Parents’ café');
    // What the chair wrote about a measure is printed in full.
    expect(text).toContain('Weekly meetings in three districts.');
    expect(text).toContain('Two more are planned, with childcare.');
    // Arabic comes back in its presentation forms (the shaped letters), Hebrew as written.
    expect(text).toMatch(/[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]{3}/);
    expect(text).toMatch(/[\u05d0-\u05ea]{3}/);
  }, 120_000);

  it('prints published versions too, and ?format=pdf works like the Accept header', async () => {
    await h.http.post(`/api/cycles/${cycleId}/report/publish`).expect(201);
    const res = await h.http.get(`/api/cycles/${cycleId}/report/versions/1?format=pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await parsePdf(res.body);
    expect(text).toContain('Published version 1');
    for (const f of fields) expect(text).toContain(f);

    // Several at once: bounded concurrency queues them, all succeed.
    const all = await Promise.all([1, 2, 3, 4].map(() => h.http.get(`/api/cycles/${cycleId}/report?format=pdf`).buffer(true).parse(binary)));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  }, 120_000);

  it('documents PDF beside the other formats in OpenAPI', async () => {
    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    const get = doc.paths['/api/cycles/{id}/report'].get;
    expect(Object.keys(get.responses['200'].content)).toEqual(
      expect.arrayContaining(['application/pdf', 'text/html', 'text/markdown', 'text/csv', 'application/json']),
    );
    expect(get.responses['503']).toBeDefined();
    expect(doc.paths['/api/cycles/{id}/report/publish'].post).toBeDefined();
    expect(doc.paths['/api/cycles/{id}/report/versions/{n}'].get.responses['200'].content).toHaveProperty('application/pdf');
  });
});
