import { Schema } from 'mongoose';

export const HISTORIC_CYCLE_MODEL = 'HistoricCycle';

/** The key of a programme's historic cycle of a year. Programme keys are `[a-z0-9-]`, so ':' separates. */
export const historicCycleKey = (programme: string, year: number): string => `${programme}:${year}`;

export interface StoredHistoricCycle {
  _id: string;
  programme: string;
  year: number;
  current: Record<string, unknown> | null;
  staged: Record<string, unknown> | null;
}

/**
 * Historic cycles (collection `historic_cycles`), one document per programme and year, keyed
 * `historicCycleKey`: importing, committing and undoing write by `_id` only.
 */
export const HistoricCycleSchema = new Schema<StoredHistoricCycle>(
  {
    _id: { type: String, required: true },
    programme: { type: String, required: true },
    year: { type: Number, required: true },
    current: { type: Schema.Types.Mixed, default: null },
    staged: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false, minimize: false, collection: 'historic_cycles', _id: false },
);
// A programme's years, newest first: list (GET /api/history) and latestBefore (the network
// report's previous round). A handful of documents per programme (one per past cycle).
HistoricCycleSchema.index({ programme: 1, year: -1 });
