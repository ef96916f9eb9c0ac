import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Stored, isDuplicateKey, toRecord } from '../records';
import { ReportVersionRecord } from './report-version.record';
import { REPORT_VERSION_MODEL } from './report-version.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

export type ReportVersionSummary = Omit<ReportVersionRecord, 'json'>;

/** Published report versions: inserted once, never updated or deleted. */
@Injectable()
@RetriedWhenNotApplied()
export class ReportVersionRepository {
  constructor(@InjectModel(REPORT_VERSION_MODEL) private readonly model: Model<Stored<ReportVersionRecord>>) {}

  /** Inserts; null when the version number or the same content is already taken (code 11000). */
  async insert(v: Omit<ReportVersionRecord, 'id'>): Promise<ReportVersionRecord | null> {
    try {
      const doc = await this.model.create(v);
      return toRecord<ReportVersionRecord>(doc.toObject());
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /** The highest version number of a cycle, 0 when none was published. */
  async highestNumber(cycleId: string): Promise<number> {
    const doc = await this.model.findOne({ cycleId }, { version: 1 }).sort({ version: -1 }).lean<{ version: number }>();
    return doc?.version ?? 0;
  }

  async latestOf(cycleId: string, milestoneKey: string): Promise<ReportVersionSummary | null> {
    return toRecord<ReportVersionSummary>(await this.model.findOne({ cycleId, milestoneKey }, { json: 0 }).sort({ version: -1 }).lean());
  }

  async findByContent(cycleId: string, milestoneKey: string, sha256: string): Promise<ReportVersionSummary | null> {
    return toRecord<ReportVersionSummary>(await this.model.findOne({ cycleId, milestoneKey, sha256 }, { json: 0 }).lean());
  }

  async list(cycleId: string): Promise<ReportVersionSummary[]> {
    return (await this.model.find({ cycleId }, { json: 0 }).sort({ version: 1 }).lean()).map((d) => toRecord<ReportVersionSummary>(d));
  }

  async find(cycleId: string, version: number): Promise<ReportVersionRecord | null> {
    return toRecord<ReportVersionRecord>(await this.model.findOne({ cycleId, version }).lean());
  }
}
