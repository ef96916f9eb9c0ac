import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { detectFileType, FileSample, HEAD_BYTES, isEvidenceFileType, MEDIA_TYPE_OF, safeFileName, TAIL_BYTES, TextCheck } from '@pact/domain';
import type { DetectedFileType, EvidenceFileType } from '@pact/domain';
import { CycleRepository, EvidenceFileRecord, EvidenceFileRepository, TaskRepository } from '@pact/persistence';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EngineSettings } from '../config/settings';
import { ConflictError, ContentRefusedError, InvalidError, NotFoundError, Problem, TooLargeError, UnsupportedTypeError } from '../errors';
import { loadTaskForWriting } from '../tasks/task-and-cycle';
import { EVIDENCE_SCANNER, EvidenceScanner } from './evidence-scanner';
import { EVIDENCE_STORAGE, EvidenceStorage } from './evidence-storage';

/** An evidence file as the API shows it. */
export interface EvidenceFileView {
  id: string;
  taskId: string;
  name: string;
  type: EvidenceFileType;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  state: 'stored' | 'attached';
}

/** An upload as it arrives: the name the uploader gave (only a suggestion) and the body, streamed. */
export interface EvidenceUpload {
  name: string;
  body: AsyncIterable<Uint8Array>;
}

/** How long an upload may stay `uploading` before the start-up sweep takes it for a crashed one (real time). */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

const MIB = 1024 * 1024;
const sizeInWords = (bytes: number) => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`);

/** How detection names a type in a refusal: what it is, and its key for the settings. */
const DESCRIBED: Record<DetectedFileType, string> = {
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  docx: 'a Word document (docx)',
  xlsx: 'an Excel workbook (xlsx)',
  odt: 'an OpenDocument text (odt)',
  ods: 'an OpenDocument spreadsheet (ods)',
  text: 'plain text',
  zip: 'a zip archive',
  html: 'an HTML document',
  xml: 'an XML or SVG document',
  'elf-executable': 'an executable program (ELF)',
  'windows-executable': 'an executable program (Windows)',
  'mach-o-executable': 'an executable program (Mach-O)',
  gif: 'a GIF image',
  gzip: 'a gzip archive',
  '7z': 'a 7-Zip archive',
  rar: 'a RAR archive',
  unknown: 'of no type recognised',
};

/**
 * Evidence files of a task: uploaded by its own participant while its report can be written,
 * read by whoever may read the task. An upload is recorded (`uploading`) before its body is
 * written, streamed to the storage with the size counted and the type detected on the way,
 * then checked, scanned and only then `stored`; any failure deletes body and record, so no
 * request leaves half a file, and the start-up sweep removes what a crash left.
 * Who may touch which task is the caller's check (TaskQuery.visible), as for submissions.
 */
@Injectable()
export class EvidenceFileService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvidenceFileService.name);

  constructor(
    private readonly files: EvidenceFileRepository,
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly settings: EngineSettings,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    @Inject(EVIDENCE_SCANNER) private readonly scanner: EvidenceScanner,
  ) {}

  /** At start, in the background: a start must not wait for a sweep, and a failed one is retried at the next start. */
  onApplicationBootstrap(): void {
    void this.sweepStaleUploads().catch((err: unknown) => this.logger.warn(`sweeping stale uploads failed: ${(err as Error).message}`));
  }

  /** Deletes uploads still `uploading` after STALE_UPLOAD_MS (a process that died mid-upload): body first, then record. */
  async sweepStaleUploads(now = new Date()): Promise<number> {
    let swept = 0;
    for (;;) {
      const stale = await this.files.staleUploads(new Date(now.getTime() - STALE_UPLOAD_MS));
      if (!stale.length) break;
      for (const f of stale) {
        await this.storage.delete(f.id);
        if (await this.files.remove(f.id, ['uploading'])) swept++;
      }
      if (stale.length < 500) break;
    }
    if (swept) this.logger.log(`removed ${swept} upload(s) left unfinished`);
    return swept;
  }

  /** Stores a file for the task; the task must be one whose report can still be written. */
  async upload(taskId: string, upload: EvidenceUpload, actor: string): Promise<EvidenceFileView> {
    await loadTaskForWriting({ tasks: this.tasks, cycles: this.cycles }, taskId);
    const { maxBytes, allowedTypes } = this.settings.evidence;
    const id = randomBytes(16).toString('hex');
    await this.files.insertUploading({ id, taskId, uploadedBy: actor, uploadedAt: new Date() });
    let stored: EvidenceFileRecord | null = null;
    try {
      const sample = await this.writeBody(id, upload.body, maxBytes);
      const type = detectFileType(sample);
      if (!isEvidenceFileType(type) || !allowedTypes.includes(type)) {
        throw new UnsupportedTypeError(`file: its content is ${DESCRIBED[type]} (${type}); allowed: ${allowedTypes.join(', ')}`);
      }
      const verdict = await this.scanner.scan({ id, type, size: sample.size, sha256: sample.sha256, open: () => this.openBody(id) });
      if (!verdict.clean) throw new ContentRefusedError(`file: refused by the virus scan: ${verdict.reason}`);
      stored = await this.files.markStored(id, { name: safeFileName(upload.name, type), type, size: sample.size, sha256: sample.sha256 });
      if (!stored) throw new ConflictError('file: the upload took too long and was discarded; upload it again');
      return viewOf(stored);
    } finally {
      if (!stored) await this.discard(id);
    }
  }

  /** A file of the task with its body, for whoever may read the task; a file of another task is not found. */
  async open(taskId: string, fileId: string): Promise<{ file: EvidenceFileView; body: Readable }> {
    const file = await this.find(taskId, fileId);
    const body = await this.storage.open(fileId);
    if (!body) throw new NotFoundError(`evidence file ${fileId} has no content`);
    return { file, body };
  }

  /** The file's record (not its body). */
  async get(taskId: string, fileId: string): Promise<EvidenceFileView> {
    return this.find(taskId, fileId);
  }

  /**
   * Deletes a file the participant uploaded, while the task's report can still be written and
   * no submitted answer refers to it. The body goes first: a crash in between leaves a record
   * whose download is not found and whose deletion can be repeated, never a body nobody knows.
   */
  async remove(taskId: string, fileId: string): Promise<void> {
    await loadTaskForWriting({ tasks: this.tasks, cycles: this.cycles }, taskId);
    const file = await this.find(taskId, fileId);
    if (file.state === 'attached') throw new ConflictError(`evidence file ${fileId} is part of a submitted report and cannot be deleted`);
    await this.storage.delete(fileId);
    if (!(await this.files.remove(fileId, ['stored']))) throw new ConflictError(`evidence file ${fileId} was attached to a report meanwhile`);
  }

  /**
   * Marks files as part of a submitted report (`attached`: kept, no longer deletable), for the
   * submission that refers to them. Every id must name a file of this task that is stored or
   * attached already; otherwise InvalidError naming each (`<path>[i]: …`) and nothing changes.
   * Checked first, then marked: a file deleted in between is named by the second step too.
   */
  async attach(taskId: string, fileIds: string[], path = 'files'): Promise<void> {
    const problems: Problem[] = [];
    const records = await Promise.all(fileIds.map((id) => (/^[0-9a-f]{32}$/.test(id) ? this.files.findById(id) : Promise.resolve(null))));
    records.forEach((f, i) => {
      if (!f || f.taskId !== taskId || (f.state !== 'stored' && f.state !== 'attached')) {
        problems.push({ path: `${path}[${i}]`, message: `no evidence file ${fileIds[i]} was uploaded for this task` });
      }
    });
    if (problems.length) throw new InvalidError(problems);
    for (const [i, f] of records.entries()) {
      if (f!.state === 'stored' && !(await this.files.attach(f!.id)) && (await this.files.findById(f!.id))?.state !== 'attached') {
        throw new InvalidError([{ path: `${path}[${i}]`, message: `evidence file ${f!.id} was deleted meanwhile` }]);
      }
    }
  }

  private async find(taskId: string, fileId: string): Promise<EvidenceFileView> {
    const f = /^[0-9a-f]{32}$/.test(fileId) ? await this.files.findById(fileId) : null;
    if (!f || f.taskId !== taskId || (f.state !== 'stored' && f.state !== 'attached')) throw new NotFoundError(`evidence file ${fileId} does not exist`);
    return viewOf(f);
  }

  private async openBody(id: string): Promise<Readable> {
    const body = await this.storage.open(id);
    if (!body) throw new Error(`evidence file ${id}: the body just stored is missing`);
    return body;
  }

  /** Deletes what an upload left: its body (and part), then its record. Never throws over the error that brought it here. */
  private async discard(id: string): Promise<void> {
    try {
      await this.storage.delete(id);
      await this.files.remove(id, ['uploading']);
    } catch (err) {
      // The start-up sweep removes it after STALE_UPLOAD_MS.
      this.logger.warn(`could not discard upload ${id}: ${(err as Error).message}`);
    }
  }

  /** Streams the body into the storage, counting, hashing and sampling it on the way; too large stops it at once. */
  private async writeBody(id: string, body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<FileSample & { sha256: string }> {
    const hash = createHash('sha256');
    const text = new TextCheck();
    const head: Buffer[] = [];
    let headBytes = 0;
    let tail = Buffer.alloc(0);
    let size = 0;
    async function* metered(): AsyncGenerator<Uint8Array> {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > maxBytes) throw new TooLargeError(`file: larger than the limit of ${sizeInWords(maxBytes)} (${maxBytes} bytes)`);
        hash.update(chunk);
        text.feed(chunk);
        if (headBytes < HEAD_BYTES) {
          head.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - headBytes)));
          headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
        }
        // The last TAIL_BYTES: a zip's directory of entries is at its end.
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
        yield chunk;
      }
    }
    await this.storage.write(id, metered());
    return { head: Buffer.concat(head), tail, size, text: text.end(), sha256: hash.digest('hex') };
  }
}

function viewOf(f: EvidenceFileRecord): EvidenceFileView {
  const type = f.type as EvidenceFileType;
  return {
    id: f.id,
    taskId: f.taskId,
    name: f.name,
    type,
    mediaType: MEDIA_TYPE_OF[type],
    size: f.size,
    sha256: f.sha256,
    uploadedBy: f.uploadedBy,
    uploadedAt: new Date(f.uploadedAt).toISOString(),
    state: f.state as 'stored' | 'attached',
  };
}
