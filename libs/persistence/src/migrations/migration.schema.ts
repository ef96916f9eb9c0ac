import { Schema } from 'mongoose';
import { Stored } from '../records';
import { MigrationRecord } from './migration.record';

export const MIGRATION_MODEL = 'Migration';

/** Layout changes done (collection `migrations`), found by _id (the migration's name): each start reads one key. */
export const MigrationSchema = new Schema<Stored<MigrationRecord> & { _id: string }>(
  {
    _id: { type: String, required: true },
    doneAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'migrations', _id: false },
);
