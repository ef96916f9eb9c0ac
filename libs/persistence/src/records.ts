import type { Model, mongo } from 'mongoose';

/** Helpers every repository shares: from lean documents to records, the driver's collection, duplicate keys. */

/** A record as stored: everything but its string `id`, which MongoDB keeps as `_id`. */
export type Stored<T extends { id: string }> = Omit<T, 'id'>;

/** A lean document of a collection of `T` records: the stored fields and its `_id`. */
export type LeanOf<T extends { id: string }> = Stored<T> & { _id: unknown };

/** Turns a lean Mongo document into a record with a string `id` (null stays null). */
export function toRecord<T extends { id: string }>(doc: LeanOf<T>): T;
export function toRecord<T extends { id: string }>(doc: LeanOf<T> | null | undefined): T | null;
export function toRecord<T extends { id: string }>(doc: LeanOf<T> | null | undefined): T | null {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  // Omit<T, 'id'> with `id` added back is T; TypeScript cannot see that through the generic.
  return { id: String(_id), ...rest } as unknown as T;
}

/**
 * The driver's collection behind a model, typed with the documents it really holds. Mongoose types
 * `model.collection` as holding ObjectId ids, which is wrong for the collections keyed by a
 * string `_id` (deliveries, rate counters, site keys): the cast only corrects that.
 */
export function driverCollection<T extends mongo.Document>(model: Model<T>): mongo.Collection<T> {
  return model.collection as unknown as mongo.Collection<T>;
}

export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
  if (e?.code === 11000) return true;
  return Array.isArray(e?.writeErrors) && e.writeErrors.length > 0 && e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}

/** Dropping an index that is not there (a database that never had it, or a second process) is fine. */
export function ignoreMissingIndex(err: unknown): void {
  const e = err as { code?: number; codeName?: string };
  if (e?.code === 27 || e?.code === 26 || e?.codeName === 'IndexNotFound' || e?.codeName === 'NamespaceNotFound') return;
  throw err;
}

/**
 * Moves the documents an earlier layout stored under an ObjectId `_id` to the key `keyOf` gives
 * (KeyedLayout, at start): copy, then delete the original, so a crash in between leaves work for
 * the next run and loses nothing. A copy already there (an earlier run, another process) is the
 * document: it is kept. `oldIndexes` are dropped first, as a unique one would refuse the copy.
 * `shape` makes the copy from the original (its `_id` is replaced by the key). Returns how many were moved.
 */
export async function moveToKeys<T>(
  model: Model<T>,
  oldIndexes: string[],
  keyOf: (doc: mongo.Document) => string,
  shape: (doc: mongo.Document) => mongo.Document = (doc) => doc,
): Promise<number> {
  const collection: mongo.Collection<mongo.Document> = model.collection;
  for (const name of oldIndexes) await collection.dropIndex(name).catch(ignoreMissingIndex);
  let moved = 0;
  for (;;) {
    const batch = await collection
      .find({ _id: { $type: 'objectId' } })
      .limit(200)
      .toArray();
    if (!batch.length) return moved;
    for (const doc of batch) {
      await collection.insertOne({ ...shape(doc), _id: keyOf(doc) } as never).catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
      });
      await collection.deleteOne({ _id: doc._id });
      moved++;
    }
  }
}
