import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { driverCollection, isDuplicateKey } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import { HistoricCycleContent, HistoricCycleRecord, HistoricYear } from './historic-cycle.record';
import { HISTORIC_CYCLE_MODEL, historicCycleKey, StoredHistoricCycle } from './historic-cycle.schema';

function toHistoric(doc: StoredHistoricCycle): HistoricCycleRecord {
  return {
    id: doc._id,
    programme: doc.programme,
    year: doc.year,
    current: (doc.current as unknown as HistoricCycleContent | null) ?? null,
    staged: (doc.staged as unknown as HistoricCycleContent | null) ?? null,
  };
}

/**
 * Historic cycles (collection `historic_cycles`), by `<programme>:<year>`. Written in two steps
 * (stage, then commit or unstage) so that an import of several years becomes visible whole or
 * not at all: see HistoricCycleRecord and HistoryService.
 */
@Injectable()
@RetriedWhenNotApplied()
export class HistoricCycleRepository {
  constructor(@InjectModel(HISTORIC_CYCLE_MODEL) private readonly model: Model<StoredHistoricCycle>) {}

  private get collection() {
    return driverCollection(this.model);
  }

  /** The programme's documents of these years, by key (those that exist). */
  async findYears(programme: string, years: readonly number[]): Promise<HistoricCycleRecord[]> {
    if (!years.length) return [];
    const docs = await this.collection.find({ _id: { $in: years.map((y) => historicCycleKey(programme, y)) } }).toArray();
    return docs.map(toHistoric).sort((a, b) => a.year - b.year);
  }

  /** Every year of the programme that has a current cycle, newest first, without the answers. */
  async listYears(programme: string): Promise<HistoricYear[]> {
    const docs = await this.collection
      .find({ programme, current: { $ne: null } }, { projection: { 'current.participations': 0 } })
      .sort({ programme: 1, year: -1 })
      .toArray();
    return docs.map((d) => ({ year: d.year, ...(d.current as unknown as Omit<HistoricCycleContent, 'participations'>) }));
  }

  /** The newest year of the programme before `year` that has a current cycle, with its answers; null when none. */
  async latestBefore(programme: string, year: number): Promise<HistoricCycleRecord | null> {
    const doc = await this.collection
      .find({ programme, year: { $lt: year }, current: { $ne: null } })
      .sort({ programme: 1, year: -1 })
      .limit(1)
      .next();
    return doc ? toHistoric(doc) : null;
  }

  /**
   * Stages `content` as the programme's cycle of `year`: a new document (nothing current yet),
   * or beside the current one when `replace` allows it. Guarded: refused (false) when another
   * import has staged the year, or when a cycle stands and `replace` is false. Staging the same
   * import again (a retry) is true.
   */
  async stage(programme: string, year: number, content: HistoricCycleContent, replace: boolean): Promise<boolean> {
    const _id = historicCycleKey(programme, year);
    try {
      await this.collection.insertOne({ _id, programme, year, current: null, staged: { ...content } });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const guard = replace ? { _id, staged: null } : { _id, staged: null, current: null };
    const res = await this.collection.updateOne(guard, { $set: { staged: { ...content } } });
    if (res.matchedCount === 1) return true;
    const doc = await this.collection.findOne({ _id });
    return (doc?.staged as { importId?: string } | null)?.importId === content.importId;
  }

  /** Makes the content `importId` staged the year's current cycle; true when it is (now or already). */
  async commit(programme: string, year: number, importId: string): Promise<boolean> {
    const _id = historicCycleKey(programme, year);
    const doc = await this.collection.findOne({ _id });
    const staged = doc?.staged as { importId?: string } | null | undefined;
    if (staged?.importId !== importId) return (doc?.current as { importId?: string } | null | undefined)?.importId === importId;
    const res = await this.collection.updateOne({ _id, 'staged.importId': importId }, { $set: { current: staged, staged: null } });
    return res.matchedCount === 1 || (await this.commit(programme, year, importId));
  }

  /** Drops what `importId` staged for the year (the cycle that stood stays); a document it had made for the year is deleted. */
  async unstage(programme: string, year: number, importId: string): Promise<void> {
    const _id = historicCycleKey(programme, year);
    await this.collection.updateOne({ _id, 'staged.importId': importId }, { $set: { staged: null } });
    await this.collection.deleteOne({ _id, staged: null, current: null });
  }
}
