import { Global, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { loadPactConfig, PactConfig } from './pact-config';
import { DatabaseSettings, EngineSettings, QueueSettings, Settings, settingsFrom } from './settings';

export const PACT_CONFIG = Symbol('PACT_CONFIG');
const SETTINGS = Symbol('SETTINGS');

/**
 * The environment is read and validated once when an application is created, not when this
 * file is imported: a test that starts two engines with different databases in one process, or
 * a worker restarted in-process, gets its own configuration. Everything else receives typed
 * settings (DatabaseSettings, QueueSettings, EngineSettings), never the raw variables.
 */
@Global()
@Module({
  providers: [
    { provide: SETTINGS, useFactory: (): Settings => settingsFrom(process.env) },
    { provide: DatabaseSettings, inject: [SETTINGS], useFactory: (s: Settings) => s.database },
    { provide: QueueSettings, inject: [SETTINGS], useFactory: (s: Settings) => s.queues },
    { provide: EngineSettings, inject: [SETTINGS], useFactory: (s: Settings) => s.engine },
    {
      provide: PACT_CONFIG,
      inject: [EngineSettings],
      useFactory: (settings: EngineSettings): PactConfig => loadPactConfig(resolve(settings.pactConfig)),
    },
  ],
  exports: [DatabaseSettings, QueueSettings, EngineSettings, PACT_CONFIG],
})
export class EngineConfigModule {}
