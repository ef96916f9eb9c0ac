import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { validateEnvironment } from './environment';
import { loadPactConfig, PactConfig } from './pact-config';

export const PACT_CONFIG = Symbol('PACT_CONFIG');

@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: false, validate: validateEnvironment })],
  providers: [
    {
      provide: PACT_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService): PactConfig => loadPactConfig(resolve(config.getOrThrow<string>('PACT_CONFIG'))),
    },
  ],
  exports: [PACT_CONFIG],
})
export class EngineConfigModule {}
