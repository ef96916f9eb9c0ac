import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';

/**
 * Answers "can the database serve a query now?" for readiness checks. A ping alone is not
 * enough: the embedded FerretDB answers pings while its storage pool is exhausted, so the probe
 * also reads a document, as every request does.
 */
@Injectable()
export class DatabaseProbe {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async probe(): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new Error('not connected');
    await db.command({ ping: 1 });
    await db.collection('cycles').findOne({}, { projection: { _id: 1 } });
  }
}
