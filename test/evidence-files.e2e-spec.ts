import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EvidenceFileService } from '@pact/engine';
import type TestAgent from 'supertest/lib/agent';
import { EngineHarness, shortCycle } from './support/engine-harness';

const MAX_BYTES = 64 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(200, 0x90)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/cycles")</script></body></html>');

/**
 * Evidence files over HTTP (issue 19, point 4), against the real API, Redis and database:
 * who uploads and who downloads, the size and type limits (type from the content), and that a
 * refused or cut upload leaves nothing, neither a record in `evidence_files` nor a body in
 * EVIDENCE_FILES_DIR.
 */
describe('evidence files (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pact-evidence-'));
  // 200 ms a day and due in 400 days: the task stays open for the whole test.
  const h = new EngineHarness({ msPerDay: 200, worker: true, env: { EVIDENCE_FILES_DIR: dir, EVIDENCE_MAX_BYTES: String(MAX_BYTES) } });
  let task: string;
  let chair: TestAgent;
  let otherChair: TestAgent;

  const records = () => h.db.collection('evidence_files').find({}).toArray();
  const bodies = () => {
    try {
      return readdirSync(dir).sort();
    } catch {
      return [];
    }
  };
  const upload = (agent: TestAgent, bytes: Buffer, filename: string, contentType = 'application/pdf') =>
    agent.post(`/api/tasks/${task}/evidence-files`).attach('file', bytes, { filename, contentType });

  beforeAll(async () => {
    await h.start();
    chair = await h.chair('education');
    otherChair = await h.chair('sport');
    const c = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Evidence', groups: ['education', 'sport'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
      .expect(201);
    task = await h.waitFor('the education task', async () => (await h.http.get(`/api/cycles/${c.body.id}/tasks?group=education`)).body[0]?.id);
  }, 60_000);
  afterAll(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("stores the task's own participant's upload and serves it to them as a download, only to those who may read the task", async () => {
    const res = await upload(chair, PDF, '../Aktionsplan: 2030?.pdf', 'application/octet-stream').expect(201);
    expect(res.body).toMatchObject({
      taskId: task,
      name: 'Aktionsplan 2030.pdf',
      type: 'pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      state: 'stored',
    });
    const id = res.body.id;
    expect(await records()).toEqual([expect.objectContaining({ _id: id, taskId: task, state: 'stored', type: 'pdf', size: PDF.length })]);
    expect(bodies()).toEqual([id]);

    const got = await chair
      .get(`/api/tasks/${task}/evidence-files/${id}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('attachment; filename="Aktionsplan 2030.pdf"');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    // The committee reads every task; another group's chair sees nothing, exactly as for a file that does not exist.
    await h.http.get(`/api/tasks/${task}/evidence-files/${id}`).expect(200);
    const hidden = await otherChair.get(`/api/tasks/${task}/evidence-files/${id}`).expect(404);
    const missing = await chair.get(`/api/tasks/${task}/evidence-files/${'0'.repeat(32)}`).expect(404);
    expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
    await otherChair.delete(`/api/tasks/${task}/evidence-files/${id}`).expect(404);
    // Nor may another group's chair upload to it.
    await upload(otherChair, PDF, 'mine.pdf').expect(404);

    await chair.delete(`/api/tasks/${task}/evidence-files/${id}`).expect(204);
    await chair.get(`/api/tasks/${task}/evidence-files/${id}`).expect(404);
    expect(await records()).toEqual([]);
    expect(bodies()).toEqual([]);
  });

  it('refuses a file over EVIDENCE_MAX_BYTES with 413 naming the limit, and keeps nothing', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
    const res = await upload(chair, big, 'big.pdf').expect(413);
    expect(res.body.detail).toContain(`${MAX_BYTES} bytes`);
    expect(res.body.detail).toContain('64 KiB');
    expect(await records()).toEqual([]);
    expect(bodies()).toEqual([]);
    // Exactly the limit is fine.
    const exact = await upload(chair, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length, 0x20)]), 'exact.pdf').expect(201);
    await chair.delete(`/api/tasks/${task}/evidence-files/${exact.body.id}`).expect(204);
  });

  it.each([
    ['an ELF executable renamed .pdf', ELF, 'elf-executable'],
    ['an HTML page renamed .pdf', HTML, 'html'],
  ])('refuses %s with 415 naming the type detected and those allowed, and keeps nothing', async (_what, bytes, detected) => {
    const res = await upload(chair, bytes, 'report.pdf', 'application/pdf').expect(415);
    expect(res.body.detail).toContain(`(${detected})`);
    expect(res.body.detail).toContain('allowed: pdf, png, jpeg, docx, xlsx, odt, ods, text');
    expect(await records()).toEqual([]);
    expect(bodies()).toEqual([]);
  });

  it('refuses a request without the file field, or not multipart, with a 4xx naming what is wrong', async () => {
    const none = await chair.post(`/api/tasks/${task}/evidence-files`).field('note', 'no file').expect(400);
    expect(none.body.detail).toContain('file: missing');
    const json = await chair.post(`/api/tasks/${task}/evidence-files`).send({ file: 'x' }).expect(415);
    expect(json.body.detail).toContain('multipart/form-data');
    expect(await records()).toEqual([]);
  });

  it('leaves nothing behind when the connection is cut mid-upload', async () => {
    const token = await h.tokenFor(['chair'], ['education']);
    const { port } = h.api.getHttpServer().address() as AddressInfo;
    const boundary = 'cutcutcut';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/tasks/${task}/evidence-files`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(MAX_BYTES - 100) },
    });
    req.on('error', () => undefined);
    req.write(Buffer.concat([head, PDF, Buffer.alloc(8 * 1024, 0x20)]));
    // The record is written before the body: once it is there, the upload is under way.
    await h.waitFor('the upload under way', async () => (await records()).some((r) => r.state === 'uploading'));
    req.destroy();
    await h.waitFor('the cut upload discarded', async () => (await records()).length === 0 && bodies().length === 0);
    expect(await records()).toEqual([]);
    expect(bodies()).toEqual([]);
  });

  it('is in the OpenAPI document: multipart upload with its error answers, download, delete', async () => {
    const doc = (await h.agent().get('/api/docs-json').expect(200)).body;
    const post = doc.paths['/api/tasks/{id}/evidence-files'].post;
    expect(post.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '415', '422']));
    const item = doc.paths['/api/tasks/{id}/evidence-files/{fileId}'];
    expect(Object.keys(item.get.responses)).toEqual(expect.arrayContaining(['200', '401', '404']));
    expect(Object.keys(item.delete.responses)).toEqual(expect.arrayContaining(['204', '403', '404', '409']));
  });

  it('sweeps uploads a crash left behind (older than an hour) at start, and leaves those under way', async () => {
    const stale = 'a'.repeat(32);
    const fresh = 'b'.repeat(32);
    const now = new Date();
    await h.db
      .collection('evidence_files')
      .insertMany([
        { _id: stale, taskId: task, uploadedBy: 'x', uploadedAt: new Date(now.getTime() - 2 * 3600_000), state: 'uploading' } as never,
        { _id: fresh, taskId: task, uploadedBy: 'x', uploadedAt: now, state: 'uploading' } as never,
      ]);
    writeFileSync(join(dir, `${stale}.part`), 'half');
    expect(await h.api.get(EvidenceFileService).sweepStaleUploads(now)).toBe(1);
    expect((await records()).map((r) => r._id)).toEqual([fresh]);
    expect(bodies()).toEqual([]);
    await h.db.collection('evidence_files').deleteMany({});
  });
});
