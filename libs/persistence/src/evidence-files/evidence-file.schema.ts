import { Schema } from 'mongoose';
import { Stored } from '../records';
import { EvidenceFileRecord } from './evidence-file.record';

export const EVIDENCE_FILE_MODEL = 'EvidenceFile';

/** An evidence file's record as stored, its `_id` the file's id (every read and guarded write is by key). */
export type StoredEvidenceFile = Stored<EvidenceFileRecord> & { _id: string };

/** Evidence files' metadata (collection `evidence_files`); the bodies are in the evidence storage. */
export const EvidenceFileSchema = new Schema<StoredEvidenceFile>(
  {
    // The file's id: findById (download, delete), markStored, attach, remove.
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    name: { type: String, default: '' },
    type: { type: String, default: null },
    size: { type: Number, default: 0 },
    sha256: { type: String, default: '' },
    uploadedBy: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
    state: { type: String, required: true },
  },
  { versionKey: false, collection: 'evidence_files', _id: false },
);

// staleUploads: the start-up sweep of uploads a crash left behind (batch work; a scan on FerretDB, which uses no index but _id).
EvidenceFileSchema.index({ state: 1, uploadedAt: 1 });
