import { Schema } from 'mongoose';
import { Stored } from '../records';
import { HistoryImportRecord } from './history-import.record';

export const HISTORY_IMPORT_MODEL = 'HistoryImport';

/** Imports of history files (collection `history_imports`), one document each, keyed by a random id. */
export const HistoryImportSchema = new Schema<Stored<HistoryImportRecord> & { _id: string }>(
  {
    _id: { type: String, required: true },
    programme: { type: String, required: true },
    years: [Number],
    replace: Boolean,
    by: String,
    at: Date,
    state: { type: String, required: true },
    changedAt: Date,
    cleared: { type: Schema.Types.Mixed, default: [] },
    answers: Number,
  },
  { versionKey: false, minimize: false, collection: 'history_imports', _id: false },
);
// The sweep's query (imports left staging or committing): batch work, a few documents at most.
HistoryImportSchema.index({ state: 1 });
