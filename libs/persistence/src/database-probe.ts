import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';
import { DatabaseSettings } from './database-settings';

/** What a check through a brand-new connection says about a database this process cannot use. */
export type DatabaseReach = 'answers' | 'down';

/**
 * Answers "can the database serve a query now?" for readiness checks and the watchdog. A ping
 * alone is not enough: the embedded FerretDB answers pings while its storage pool is exhausted,
 * so the probe also reads a document, as every request does.
 */
@Injectable()
export class DatabaseProbe {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly settings: DatabaseSettings,
  ) {}

  /** Through this process's client, as every request goes. */
  async probe(): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new Error('not connected');
    await db.command({ ping: 1 });
    await db.collection('cycles').findOne({}, { projection: { _id: 1 } });
  }

  /**
   * Through a client of its own, connected for this check and closed after it: tells "the
   * database is down" from "this process's client is cut off from a database that answers".
   */
  async probeFresh(timeoutMs: number): Promise<DatabaseReach> {
    const client = new mongo.MongoClient(this.settings.uri, {
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      socketTimeoutMS: timeoutMs,
      maxPoolSize: 1,
    });
    try {
      await client.connect();
      const db = client.db();
      await db.command({ ping: 1 });
      await db.collection('cycles').findOne({}, { projection: { _id: 1 } });
      return 'answers';
    } catch {
      return 'down';
    } finally {
      await client.close(true).catch(() => undefined);
    }
  }

  /** The client every repository uses: the watchdog rebuilds it in place (models keep it). */
  get client(): mongo.MongoClient {
    return this.connection.getClient() as unknown as mongo.MongoClient;
  }
}
