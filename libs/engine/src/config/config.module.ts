import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { validateEnvironment } from './environment';
import { loadPactConfig, PactConfig } from './pact-config';

export const PACT_CONFIG = Symbol('PACT_CONFIG');

/**
 * The environment is read and validated when an application is created, not when this file
 * is imported (as ConfigModule.forRoot would): a test that starts two engines with different
 * databases in one process, or a worker restarted in-process, gets its own configuration.
 */
@Global()
@Module({
  providers: [
    { provide: ConfigService, useFactory: () => new ConfigService({ ...validateEnvironment(process.env) }) },
    {
      provide: PACT_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService): PactConfig => loadPactConfig(resolve(config.getOrThrow<string>('PACT_CONFIG'))),
    },
  ],
  exports: [ConfigService, PACT_CONFIG],
})
export class EngineConfigModule {}
