import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { DatabaseProbe } from './database-probe';
import { DatabaseWatchdog } from './database-watchdog';
import { COLLECTIONS, EXPIRING_MODELS } from './collections';
import { DatabaseSettings } from './database-settings';
import { applyDriverFixes } from './driver-fixes';
import { KeyedLayout } from './migrations/keyed-layout';

// Before any client is made: see driver-fixes.ts (why a process could stay cut off after a restart).
applyDriverFixes();

const repositories = COLLECTIONS.map((c) => c.repository);

/**
 * Unique indexes are what make fan-out, revisions and events idempotent, so they must
 * exist before the first write, not whenever Mongoose's background autoIndex gets there. Data
 * of an earlier layout is moved to its keys here too, before anything reads it (KeyedLayout).
 */
@Injectable()
class IndexBootstrap implements OnModuleInit {
  private readonly logger = new Logger('Persistence');
  constructor(
    private readonly connection: Connection,
    private readonly layout: KeyedLayout,
  ) {}
  async onModuleInit(): Promise<void> {
    for (const { model } of COLLECTIONS) await this.connection.model(model.name).createIndexes();
    await this.layout.apply();
    // Cleanup only: expiry itself is checked in code. FerretDB 1.24 has no TTL indexes ("not
    // implemented"); there the services purge expired records themselves.
    for (const name of EXPIRING_MODELS) {
      await this.connection
        .model(name)
        .collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_ttl' })
        .catch((err: Error) => this.logger.debug(`no TTL index on ${name} (${err.message}); expired records are purged in code`));
    }
    this.logger.log(`indexes ready on ${this.connection.name}`);
  }
}

@Global()
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [DatabaseSettings],
      useFactory: (settings: DatabaseSettings) => ({
        uri: settings.uri,
        autoIndex: false,
        // Every command has a deadline: a database that stops answering fails requests (503) and
        // jobs (retried) instead of stalling the process, and its connection is closed, which
        // also frees what the server held for it.
        serverSelectionTimeoutMS: settings.serverSelectionTimeoutMs,
        socketTimeoutMS: settings.socketTimeoutMs,
        connectTimeoutMS: settings.serverSelectionTimeoutMs,
      }),
    }),
    MongooseModule.forFeature(COLLECTIONS.map((c) => c.model)),
  ],
  providers: [
    ...repositories,
    DatabaseProbe,
    DatabaseWatchdog,
    KeyedLayout,
    { provide: IndexBootstrap, inject: [getConnectionToken(), KeyedLayout], useFactory: (c: Connection, l: KeyedLayout) => new IndexBootstrap(c, l) },
  ],
  exports: [...repositories, DatabaseProbe, DatabaseWatchdog],
})
export class PersistenceModule {}
