import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { isDuplicateKey, toRecord } from '../records';
import { EventRecord } from './event.record';
import { EVENT_MODEL, StoredEvent } from './event.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

export type NewEvent = Omit<EventRecord, 'id' | 'dedupeKey' | 'data'> & { dedupeKey?: string; data?: Record<string, unknown> };

/** The append-only audit trail: inserts only; nothing here updates or deletes an event. */
@Injectable()
@RetriedWhenNotApplied()
export class EventRepository {
  constructor(@InjectModel(EVENT_MODEL) private readonly model: Model<StoredEvent>) {}

  /** Appends; returns false when an event with the same dedupe key was already recorded. */
  async append(e: NewEvent): Promise<boolean> {
    try {
      await this.model.create({ ...e, data: e.data ?? {}, dedupeKey: e.dedupeKey ?? randomUUID(), recordedAt: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /**
   * Appends a batch in one round trip; returns the dedupe keys that were new (events already
   * recorded under their key are skipped, as with append).
   */
  async appendMany(events: NewEvent[]): Promise<Set<string>> {
    if (!events.length) return new Set();
    const docs = events.map((e) => ({ ...e, data: e.data ?? {}, dedupeKey: e.dedupeKey ?? randomUUID(), recordedAt: new Date() }));
    const inserted = new Set(docs.map((d) => d.dedupeKey));
    try {
      await this.model.collection.insertMany(docs, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      for (const w of (err as { writeErrors?: { index: number }[] }).writeErrors ?? []) inserted.delete(docs[w.index].dedupeKey);
    }
    return inserted;
  }

  /** Whether an event was recorded under this dedupe key (unique index: one lookup). */
  async exists(dedupeKey: string): Promise<boolean> {
    return (await this.model.exists({ dedupeKey })) !== null;
  }

  async listByTask(taskId: string): Promise<EventRecord[]> {
    return (await this.model.find({ taskId }).sort({ at: 1, _id: 1 }).lean()).map((d) => toRecord<EventRecord>(d));
  }

  async listByCycle(cycleId: string, filter: { type?: string; groupKey?: string }, limit: number, skip = 0): Promise<EventRecord[]> {
    const q: Record<string, unknown> = { cycleId };
    if (filter.type) q.type = filter.type;
    if (filter.groupKey) q.groupKey = filter.groupKey;
    return (await this.model.find(q).sort({ at: 1, _id: 1 }).skip(skip).limit(limit).lean()).map((d) => toRecord<EventRecord>(d));
  }

  /**
   * A cycle's events of the given types up to `until`, oldest first, streamed from a cursor
   * (the report's timeline aggregates them without holding them).
   */
  async *streamByCycle(cycleId: string, types: string[], until: Date): AsyncGenerator<Pick<EventRecord, 'type' | 'at' | 'data'>> {
    const cursor = this.model
      .find({ cycleId, type: { $in: types }, at: { $lte: until } }, { _id: 0, type: 1, at: 1, data: 1 })
      .lean()
      .cursor({ batchSize: 200 });
    for await (const doc of cursor) yield doc as Pick<EventRecord, 'type' | 'at' | 'data'>;
  }

  async countByType(cycleId: string): Promise<Record<string, number>> {
    const rows = await this.model.aggregate<{ _id: string; count: number }>([{ $match: { cycleId } }, { $group: { _id: '$type', count: { $sum: 1 } } }]);
    return Object.fromEntries(rows.map((r) => [r._id, r.count]));
  }
}
