import type { EvidenceFileType } from '@pact/domain';

/**
 * An evidence file's life: `uploading` from the moment its body starts to arrive (recorded
 * before a byte is written, so a crash leaves a record the start-up sweep finds), `stored`
 * once its body is complete, of an allowed type and passed the scan, `attached` once a
 * submitted answer refers to it (then it is part of the report and is no longer deleted).
 */
export type EvidenceFileState = 'uploading' | 'stored' | 'attached';

/** An uploaded file's metadata; its body lives in the evidence storage under the same id. */
export interface EvidenceFileRecord {
  /** Random, 32 hex digits: the key of the record and of the body. */
  id: string;
  taskId: string;
  /** The name as uploaded, made safe (safeFileName); '' while uploading. */
  name: string;
  /** Detected from the content; null while uploading. */
  type: EvidenceFileType | null;
  size: number;
  /** Hex SHA-256 of the body ('' while uploading): lets an operator check a body against its record. */
  sha256: string;
  /** The user id of who uploaded it. */
  uploadedBy: string;
  /** Wall-clock time (not cycle time): the start-up sweep compares it with the real hour a crashed upload is given. */
  uploadedAt: Date;
  state: EvidenceFileState;
}
