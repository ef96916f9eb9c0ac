import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { SINGLE_NETWORK_PROGRAMME, type ImplementationReport, type NetworkReport } from '@pact/domain';
import { Model } from 'mongoose';
import { toRecord } from '../records';
import { ReportRecord } from './report.record';
import { REPORT_MODEL, StoredReport } from './report.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/** What a report is stored with besides itself: its cycle's programme, and a questionnaire round's network report. */
export interface ReportExtras {
  programme: string;
  network?: NetworkReport;
}

@Injectable()
@RetriedWhenNotApplied()
export class ReportRepository {
  constructor(@InjectModel(REPORT_MODEL) private readonly model: Model<StoredReport>) {}

  /**
   * The first compilation of a milestone. A redelivered compile job writes it again. `lateRevisions`
   * is the count of late revisions noted before compiling (all of them are in this report).
   */
  async save(report: ImplementationReport, lateRevisions: number, revisionsIncluded: number, with_: ReportExtras): Promise<void> {
    await this.model.updateOne(
      { cycleId: report.cycleId, milestoneKey: report.milestoneKey },
      {
        $set: {
          milestoneKind: report.milestoneKind,
          compiledAt: report.compiledAt,
          report,
          programme: with_.programme,
          ...(with_.network ? { network: with_.network } : {}),
          lateRevisionsCompiled: lateRevisions,
          revisionsIncluded,
        },
      },
      { upsert: true },
    );
    await this.clearStale(report.cycleId, report.milestoneKey, lateRevisions);
  }

  /**
   * A revision arrived for a milestone whose report exists: counts it and marks the report stale.
   * Returns the new count (the recompilation owed), or null when no report exists yet.
   */
  async noteLateRevision(cycleId: string, milestoneKey: string, noteKey: string): Promise<number | null> {
    // Two steps rather than findOneAndUpdate: FerretDB 1.24 cannot project its result, and the
    // report is large. Reading a higher count (another revision meanwhile) is fine: the
    // recompilation owed for it covers both. `noteKey` names what is noted (a revision's
    // follow-up key), so noting it again (a follow-up redone) counts nothing twice.
    await this.model.updateOne(
      { cycleId, milestoneKey, notedRevisions: { $ne: noteKey } },
      { $inc: { lateRevisions: 1 }, $set: { stale: true }, $addToSet: { notedRevisions: noteKey } },
    );
    const doc = await this.model.findOne({ cycleId, milestoneKey }, { lateRevisions: 1 }).lean<{ lateRevisions: number }>();
    return doc?.lateRevisions ?? null;
  }

  /**
   * Replaces the report with one recompiled after `lateRevisions` late revisions had been noted,
   * unless a recompilation that saw as many or more got there first: false then.
   */
  async saveRecompiled(report: ImplementationReport, lateRevisions: number, revisionsIncluded: number, with_: ReportExtras): Promise<boolean> {
    const res = await this.model.updateOne(
      {
        cycleId: report.cycleId,
        milestoneKey: report.milestoneKey,
        $or: [{ lateRevisionsCompiled: { $lt: lateRevisions } }, { lateRevisionsCompiled: { $exists: false } }],
      },
      {
        $set: {
          compiledAt: report.compiledAt,
          report,
          programme: with_.programme,
          ...(with_.network ? { network: with_.network } : {}),
          lateRevisionsCompiled: lateRevisions,
          revisionsIncluded,
        },
      },
    );
    await this.clearStale(report.cycleId, report.milestoneKey, lateRevisions);
    return res.modifiedCount > 0;
  }

  /** No longer stale, unless another late revision was noted meanwhile. */
  private async clearStale(cycleId: string, milestoneKey: string, lateRevisions: number): Promise<void> {
    await this.model.updateOne({ cycleId, milestoneKey, stale: true, lateRevisions }, { $set: { stale: false } });
  }

  /** Reports owing a recompilation (the reconciler re-adds their jobs), without the report itself. */
  async *streamStale(): AsyncGenerator<Omit<ReportRecord, 'report'>> {
    for await (const d of this.model.find({ stale: true }, { report: 0, network: 0 }).lean().cursor()) yield toRecord<Omit<ReportRecord, 'report'>>(d);
  }

  async listByCycle(cycleId: string): Promise<ReportRecord[]> {
    return (await this.model.find({ cycleId }).sort({ compiledAt: 1 }).lean()).map((d) => toRecord<ReportRecord>(d));
  }

  async find(cycleId: string, milestoneKey: string): Promise<ReportRecord | null> {
    return toRecord<ReportRecord>(await this.model.findOne({ cycleId, milestoneKey }).lean());
  }

  /**
   * The most recent report of the same kind and programme from another cycle: the baseline for
   * "change since". The programme is checked on the documents read, newest first, rather than
   * in the filter: reports from before programmes were kept name none and are the Pact's, and a
   * filter on a missing field is read alike nowhere (a few reports per cycle: batch work).
   */
  async previousOfKind(kind: string, programme: string, excludeCycleId: string, before: Date): Promise<ReportRecord | null> {
    const cursor = this.model
      .find({ milestoneKind: kind, cycleId: { $ne: excludeCycleId }, compiledAt: { $lt: before } })
      .sort({ compiledAt: -1 })
      .lean()
      .cursor();
    for await (const doc of cursor) {
      if ((doc.programme ?? SINGLE_NETWORK_PROGRAMME) === programme) {
        await cursor.close();
        return toRecord<ReportRecord>(doc);
      }
    }
    return null;
  }
}
