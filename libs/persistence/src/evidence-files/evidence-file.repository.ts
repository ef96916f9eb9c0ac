import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EvidenceFileType } from '@pact/domain';
import { Model } from 'mongoose';
import { toRecord } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import { EvidenceFileRecord } from './evidence-file.record';
import { EVIDENCE_FILE_MODEL, StoredEvidenceFile } from './evidence-file.schema';

/** What a complete upload settles: its name, type, size and digest. */
export interface StoredBody {
  name: string;
  type: EvidenceFileType;
  size: number;
  sha256: string;
}

/**
 * Evidence files' metadata, keyed by the file's id. Every change is guarded by the state it
 * expects, so a sweep and a request racing over one upload change it once.
 */
@Injectable()
@RetriedWhenNotApplied()
export class EvidenceFileRepository {
  constructor(@InjectModel(EVIDENCE_FILE_MODEL) private readonly model: Model<StoredEvidenceFile>) {}

  /** Records an upload about to start (`uploading`), before its body is written. */
  async insertUploading(f: { id: string; taskId: string; uploadedBy: string; uploadedAt: Date }): Promise<void> {
    await this.model.create({ _id: f.id, taskId: f.taskId, uploadedBy: f.uploadedBy, uploadedAt: f.uploadedAt, state: 'uploading' });
  }

  async findById(id: string): Promise<EvidenceFileRecord | null> {
    return toRecord<EvidenceFileRecord>(await this.model.findById(id).lean());
  }

  /** uploading → stored with what the body turned out to be; null when it is no longer uploading (swept). */
  async markStored(id: string, body: StoredBody): Promise<EvidenceFileRecord | null> {
    const doc = await this.model.findOneAndUpdate({ _id: id, state: 'uploading' }, { $set: { ...body, state: 'stored' } }, { returnDocument: 'after' }).lean();
    return toRecord<EvidenceFileRecord>(doc);
  }

  /** stored → attached: a submitted answer refers to it. False when it is not stored (attached already, or gone). */
  async attach(id: string): Promise<boolean> {
    const res = await this.model.updateOne({ _id: id, state: 'stored' }, { $set: { state: 'attached' } });
    return res.modifiedCount === 1;
  }

  /** Deletes the record if it is in one of `states` (never an attached one by mistake); false when it was not. */
  async remove(id: string, states: EvidenceFileRecord['state'][]): Promise<boolean> {
    const res = await this.model.deleteOne({ _id: id, state: { $in: states } });
    return res.deletedCount === 1;
  }

  /** Uploads still `uploading` that started before `before` (a crashed or cut upload): at most `limit`. Batch work. */
  async staleUploads(before: Date, limit = 500): Promise<EvidenceFileRecord[]> {
    const docs = await this.model
      .find({ state: 'uploading', uploadedAt: { $lt: before } })
      .limit(limit)
      .lean();
    return docs.map((d) => toRecord<EvidenceFileRecord>(d));
  }
}
