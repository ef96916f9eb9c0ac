import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ImplementationReport } from '@pact/domain';
import { Model } from 'mongoose';
import { ReportRecord, toRecord } from '../records';
import { MODEL } from '../schemas/schemas';

@Injectable()
export class ReportRepository {
  constructor(@InjectModel(MODEL.Report) private readonly model: Model<any>) {}

  /** Compilation is deterministic, so a redelivered compile job simply writes the same report again. */
  async save(report: ImplementationReport): Promise<void> {
    await this.model.updateOne(
      { cycleId: report.cycleId, milestoneKey: report.milestoneKey },
      { $set: { milestoneKind: report.milestoneKind, compiledAt: report.compiledAt, report } },
      { upsert: true },
    );
  }

  async listByCycle(cycleId: string): Promise<ReportRecord[]> {
    return (await this.model.find({ cycleId }).sort({ compiledAt: 1 }).lean()).map((d) => toRecord<ReportRecord>(d));
  }

  async find(cycleId: string, milestoneKey: string): Promise<ReportRecord | null> {
    return toRecord<ReportRecord>(await this.model.findOne({ cycleId, milestoneKey }).lean());
  }

  /** The most recent report of the same kind from another cycle: the baseline for "change since". */
  async previousOfKind(kind: string, excludeCycleId: string, before: Date): Promise<ReportRecord | null> {
    const doc = await this.model
      .findOne({ milestoneKind: kind, cycleId: { $ne: excludeCycleId }, compiledAt: { $lt: before } })
      .sort({ compiledAt: -1 })
      .lean();
    return toRecord<ReportRecord>(doc);
  }
}
