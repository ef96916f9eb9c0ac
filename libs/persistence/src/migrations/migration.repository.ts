import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { driverCollection, Stored } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import { MigrationRecord } from './migration.record';
import { MIGRATION_MODEL } from './migration.schema';

/** Which layout changes are done: a start reads one key per change instead of looking for old documents. */
@Injectable()
@RetriedWhenNotApplied()
export class MigrationRepository {
  constructor(@InjectModel(MIGRATION_MODEL) private readonly model: Model<Stored<MigrationRecord> & { _id: string }>) {}

  async isDone(name: string): Promise<boolean> {
    return (await driverCollection(this.model).findOne({ _id: name })) !== null;
  }

  /** Idempotent: every process that finishes the change may say so. */
  async markDone(name: string, at: Date): Promise<void> {
    await driverCollection(this.model).updateOne({ _id: name }, { $set: { doneAt: at } }, { upsert: true });
  }
}
