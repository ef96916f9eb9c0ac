import type { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { CommandStartedEvent, MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';

/** A database command that reads or writes documents by a filter the database cannot answer by `_id`. */
export interface Scan {
  /** The test's step running when the command was sent. */
  step: string;
  /** `<collection> <command> {<the filter's top-level fields>}`: stable across runs, so a known scan can be named. */
  shape: string;
  filter: unknown;
}

/** Commands that select documents, and where each carries its filters. */
const FILTERS_OF: Record<string, (c: Record<string, any>) => unknown[]> = {
  find: (c) => [c.filter ?? {}],
  update: (c) => (c.updates ?? []).map((u: { q: unknown }) => u.q),
  delete: (c) => (c.deletes ?? []).map((d: { q: unknown }) => d.q),
  findAndModify: (c) => [c.query ?? {}],
  count: (c) => [c.query ?? {}],
  distinct: (c) => [c.query ?? {}],
  // A pipeline not starting with $match reads the whole collection.
  aggregate: (c) => [c.pipeline?.[0]?.$match ?? {}],
};

/**
 * Whether the database can find the document by key. FerretDB 1.24 on SQLite pushes a filter
 * down only when it is exactly `{ _id: <string or ObjectId> }` (internal/backends/sqlite/
 * collection.go, `params.Filter.Len() == 1`): an `_id` beside other fields (a guarded update) or
 * `_id: {$in: …}` reads and decodes the whole collection as any other filter does.
 */
export function isKeyFilter(filter: unknown): boolean {
  if (!filter || typeof filter !== 'object') return false;
  const fields = Object.keys(filter);
  if (fields.length !== 1 || fields[0] !== '_id') return false;
  const id = (filter as { _id: unknown })._id;
  return typeof id === 'string' || (typeof id === 'object' && id !== null && (id as { _bsontype?: string })._bsontype === 'ObjectId');
}

/**
 * Watches every command an app sends through its Mongoose connection (the driver's command
 * monitoring, on with `monitorCommands=true` in the URI) and keeps those whose filter is not a
 * key, labelled with the step the test is in. Outside a step nothing is kept.
 */
export class CommandMonitor {
  readonly scans: Scan[] = [];
  private step: string | undefined;
  private lastCommandAt = Date.now();

  /** The URI to start the apps with: the base one with command monitoring on. */
  static uri(base: string): string {
    const uri = new URL(base);
    uri.searchParams.set('monitorCommands', 'true');
    return uri.toString();
  }

  attach(app: INestApplicationContext): void {
    const client = app.get<Connection>(getConnectionToken(), { strict: false }).getClient() as unknown as MongoClient;
    client.on('commandStarted', (e) => this.seen(e));
  }

  private seen(e: CommandStartedEvent): void {
    this.lastCommandAt = Date.now();
    const filtersOf = FILTERS_OF[e.commandName];
    if (!this.step || !filtersOf) return;
    const collection = String(e.command[e.commandName]);
    for (const filter of filtersOf(e.command)) {
      if (isKeyFilter(filter)) continue;
      const fields = Object.keys((filter as object) ?? {}).sort();
      this.scans.push({ step: this.step, shape: `${collection} ${e.commandName} {${fields.join(',')}}`, filter });
    }
  }

  /** Runs `fn` as `step`, then waits until the database has been quiet for a moment (follow-ups, deliveries done). */
  async during<T>(step: string, fn: () => Promise<T>): Promise<T> {
    await this.quiet();
    this.step = step;
    try {
      const result = await fn();
      await this.quiet();
      return result;
    } finally {
      this.step = undefined;
    }
  }

  /** Resolves once no command has been sent for `ms` (at most `timeoutMs`). */
  async quiet(ms = 400, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() - this.lastCommandAt < ms && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  }

  /** Each scan's shape with the steps it was seen in. */
  shapes(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const s of this.scans) out.set(s.shape, (out.get(s.shape) ?? new Set()).add(s.step));
    return out;
  }
}
