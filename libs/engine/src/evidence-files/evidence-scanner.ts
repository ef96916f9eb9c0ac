import type { EvidenceFileType } from '@pact/domain';
import type { Readable } from 'node:stream';

/** A stored body as the scanner sees it: what it is, and a way to read it. */
export interface ScannedFile {
  id: string;
  type: EvidenceFileType;
  size: number;
  sha256: string;
  /** The body, read from the evidence storage. */
  open(): Promise<Readable>;
}

export type ScanVerdict = { clean: true } | { clean: false; reason: string };

/**
 * The virus-scan hook: called after a body is stored and before its record becomes `stored`.
 * A verdict that is not clean deletes the body and the record, and the upload answers 422 with
 * the reason. A scanner that fails (throws) fails the upload the same way as a broken
 * connection: nothing is kept. How to plug ClamAV: docs/configuration.md, "Evidence files".
 */
export interface EvidenceScanner {
  scan(file: ScannedFile): Promise<ScanVerdict>;
}

export const EVIDENCE_SCANNER = Symbol('EVIDENCE_SCANNER');

/** The default: accepts every file (type and size are checked before any scanner is asked). */
export class AcceptingScanner implements EvidenceScanner {
  scan(): Promise<ScanVerdict> {
    return Promise.resolve({ clean: true });
  }
}
