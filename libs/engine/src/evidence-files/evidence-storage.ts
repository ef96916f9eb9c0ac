import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';

/**
 * Where evidence files' bodies live, by file id; their metadata is in `evidence_files`. An
 * interface because GridFS, the natural home next to the records, reads its chunks by
 * `files_id`, which FerretDB 1.24 on SQLite answers by reading the whole chunks collection
 * (docs/architecture.md, "Evidence files"); a MongoDB-only deployment could add a GridFS one.
 */
export interface EvidenceStorage {
  /** Writes the body from `chunks`; when they fail (too large, a cut connection) nothing of it is left. */
  write(id: string, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  /** The body, or null when there is none. */
  open(id: string): Promise<Readable | null>;
  /** Deletes the body (and any part written); a body that is not there is fine. */
  delete(id: string): Promise<void>;
}

export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

/** Ids are the engine's own (32 hex digits): anything else never reaches a path. */
const ID = /^[0-9a-f]{32}$/;

/**
 * Bodies as files in one folder (EVIDENCE_FILES_DIR), one per id. A body is written to
 * `<id>.part` and renamed to `<id>` only when complete, so a reader never sees half a file and
 * a crash leaves only a `.part` the start-up sweep deletes with its `uploading` record.
 */
export class FileSystemEvidenceStorage implements EvidenceStorage {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private pathOf(id: string): string {
    if (!ID.test(id)) throw new Error(`not an evidence file id: ${JSON.stringify(id)}`);
    return join(this.dir, id);
  }

  async write(id: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const path = this.pathOf(id);
    await mkdir(this.dir, { recursive: true });
    try {
      await pipeline(chunks, createWriteStream(`${path}.part`, { flags: 'wx' }));
      await rename(`${path}.part`, path);
    } catch (err) {
      await rm(`${path}.part`, { force: true });
      throw err;
    }
  }

  async open(id: string): Promise<Readable | null> {
    const path = this.pathOf(id);
    try {
      if (!(await stat(path)).isFile()) return null;
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async delete(id: string): Promise<void> {
    const path = this.pathOf(id);
    await rm(`${path}.part`, { force: true });
    await rm(path, { force: true });
  }
}
