import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Stored, toRecord } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import { HistoryImportRecord, HistoryImportState } from './history-import.record';
import { HISTORY_IMPORT_MODEL } from './history-import.schema';

type StoredImport = Stored<HistoryImportRecord> & { _id: string };

/** Imports of history files: inserted when one starts, moved on by guarded updates of its state. */
@Injectable()
@RetriedWhenNotApplied()
export class HistoryImportRepository {
  constructor(@InjectModel(HISTORY_IMPORT_MODEL) private readonly model: Model<StoredImport>) {}

  async insert(record: HistoryImportRecord): Promise<void> {
    const { id, ...rest } = record;
    await this.model.collection.insertOne({ _id: id, ...rest } as never);
  }

  async find(id: string): Promise<HistoryImportRecord | null> {
    return toRecord<HistoryImportRecord>(await this.model.findOne({ _id: id }).lean());
  }

  /** Moves the import from `from` to `to`; false when it was not in `from` (another process moved it). */
  async move(id: string, from: HistoryImportState, to: HistoryImportState, at: Date): Promise<boolean> {
    const res = await this.model.updateOne({ _id: id, state: from }, { $set: { state: to, changedAt: at } });
    return res.matchedCount === 1;
  }

  /** Imports left staging or committing (a crashed process), for the sweep. */
  async unfinished(): Promise<HistoryImportRecord[]> {
    return (await this.model.find({ state: { $in: ['staging', 'committing'] } }).lean()).map((d) => toRecord<HistoryImportRecord>(d));
  }
}
