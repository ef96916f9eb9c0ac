import type { EvidenceFileRecord, EvidenceFileRepository, StoredBody } from '@pact/persistence';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEngineSettings } from '../config/settings';
import { ConflictError, ContentRefusedError, InvalidError, TooLargeError, UnsupportedTypeError } from '../errors';
import { aCycle, aTask, IDS } from '../testing/fixtures';
import { EvidenceFileService } from './evidence-file.service';
import { AcceptingScanner, EvidenceScanner } from './evidence-scanner';
import { FileSystemEvidenceStorage } from './evidence-storage';

/** The records in memory, with the guards the repository applies (state before each change). */
class RecordsInMemory implements Pick<EvidenceFileRepository, 'insertUploading' | 'findById' | 'markStored' | 'remove' | 'staleUploads' | 'attach'> {
  readonly rows = new Map<string, EvidenceFileRecord>();
  async insertUploading(f: { id: string; taskId: string; uploadedBy: string; uploadedAt: Date }) {
    this.rows.set(f.id, { ...f, name: '', type: null, size: 0, sha256: '', state: 'uploading' });
  }
  async findById(id: string) {
    return this.rows.get(id) ?? null;
  }
  async markStored(id: string, body: StoredBody) {
    const row = this.rows.get(id);
    if (row?.state !== 'uploading') return null;
    const stored = { ...row, ...body, state: 'stored' as const };
    this.rows.set(id, stored);
    return stored;
  }
  async remove(id: string, states: EvidenceFileRecord['state'][]) {
    const row = this.rows.get(id);
    return !!row && states.includes(row.state) && this.rows.delete(id);
  }
  async attach(id: string) {
    const row = this.rows.get(id);
    if (row?.state !== 'stored') return false;
    this.rows.set(id, { ...row, state: 'attached' });
    return true;
  }
  async staleUploads(before: Date) {
    return [...this.rows.values()].filter((r) => r.state === 'uploading' && r.uploadedAt < before);
  }
}

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

async function* chunks(...parts: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

function setUp(scanner: EvidenceScanner = new AcceptingScanner(), taskStatus = 'open') {
  const dir = mkdtempSync(join(tmpdir(), 'pact-evidence-unit-'));
  const records = new RecordsInMemory();
  const tasks = { findById: jest.fn().mockResolvedValue(aTask({ status: taskStatus as never })) };
  const cycles = { findById: jest.fn().mockResolvedValue(aCycle()) };
  const settings = testEngineSettings({ EVIDENCE_MAX_BYTES: '1024', EVIDENCE_ALLOWED_TYPES: 'pdf, text', EVIDENCE_FILES_DIR: dir });
  const service = new EvidenceFileService(records as never, tasks as never, cycles as never, settings, new FileSystemEvidenceStorage(dir), scanner);
  const bodies = () => readdirSync(dir);
  return { service, records, bodies };
}

describe('EvidenceFileService', () => {
  it('stores an allowed file: record stored with its safe name, type, size and digest; body under its id', async () => {
    const { service, records, bodies } = setUp();
    const file = await service.upload(IDS.task, { name: 'plan', body: chunks(PDF.subarray(0, 5), PDF.subarray(5)) }, 'chair:anna');
    expect(file).toMatchObject({ name: 'plan.pdf', type: 'pdf', size: PDF.length, state: 'stored', mediaType: 'application/pdf' });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect([...records.rows.keys()]).toEqual([file.id]);
    expect(bodies()).toEqual([file.id]);
  });

  it.each([
    ['too large', new TooLargeError(''), chunks(PDF, Buffer.alloc(1024))],
    ['of a type not allowed here (png)', new UnsupportedTypeError(''), chunks(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))],
  ])('refuses a file %s and keeps neither record nor body', async (_what, error, body) => {
    const { service, records, bodies } = setUp();
    await expect(service.upload(IDS.task, { name: 'x.pdf', body }, 'chair:anna')).rejects.toBeInstanceOf(error.constructor);
    expect(records.rows.size).toBe(0);
    expect(bodies()).toEqual([]);
  });

  it('asks the scanner after the body is stored, and a refusal deletes it (422) with the reason', async () => {
    const seen: string[] = [];
    const { service, records, bodies } = setUp({
      scan: async (f) => {
        const body = await f.open();
        body.destroy();
        seen.push(`${f.type} ${f.size} body readable record ${records.rows.get(f.id)?.state}`);
        return { clean: false, reason: 'Eicar-Test-Signature FOUND' };
      },
    });
    const refused = service.upload(IDS.task, { name: 'x.pdf', body: chunks(PDF) }, 'chair:anna');
    await expect(refused).rejects.toBeInstanceOf(ContentRefusedError);
    await expect(refused).rejects.toThrow('Eicar-Test-Signature FOUND');
    expect(seen).toEqual([`pdf ${PDF.length} body readable record uploading`]);
    expect(records.rows.size).toBe(0);
    expect(bodies()).toEqual([]);
  });

  it('deletes what a failing stream wrote (a connection cut mid-upload)', async () => {
    const { service, records, bodies } = setUp();
    async function* cut(): AsyncGenerator<Uint8Array> {
      yield PDF;
      throw new Error('the connection closed before the upload was complete');
    }
    await expect(service.upload(IDS.task, { name: 'x.pdf', body: cut() }, 'chair:anna')).rejects.toThrow('connection closed');
    expect(records.rows.size).toBe(0);
    expect(bodies()).toEqual([]);
  });

  it('takes no upload for a task whose report can no longer be written, and keeps nothing', async () => {
    const { service, records } = setUp(new AcceptingScanner(), 'cancelled');
    await expect(service.upload(IDS.task, { name: 'x.pdf', body: chunks(PDF) }, 'chair:anna')).rejects.toBeInstanceOf(ConflictError);
    expect(records.rows.size).toBe(0);
  });

  it('attaches files of the task to a submitted report, after which they are not deleted; refuses ids of other tasks naming each', async () => {
    const { service, records } = setUp();
    const file = await service.upload(IDS.task, { name: 'a.pdf', body: chunks(PDF) }, 'chair:anna');
    records.rows.set('f'.repeat(32), { ...records.rows.get(file.id)!, id: 'f'.repeat(32), taskId: 'another-task' });
    const refused = service.attach(IDS.task, [file.id, 'f'.repeat(32), 'nonsense'], 'answers.evidence.files');
    await expect(refused).rejects.toBeInstanceOf(InvalidError);
    await expect(refused).rejects.toThrow(/answers\.evidence\.files\[1\]: .*answers\.evidence\.files\[2\]: /);
    expect(records.rows.get(file.id)?.state).toBe('stored');
    await service.attach(IDS.task, [file.id]);
    await service.attach(IDS.task, [file.id]);
    expect(records.rows.get(file.id)?.state).toBe('attached');
    await expect(service.remove(IDS.task, file.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await service.get(IDS.task, file.id)).state).toBe('attached');
  });
});
