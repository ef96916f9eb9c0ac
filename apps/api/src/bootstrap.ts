import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { logLevels } from '@pact/engine';
import { ApiModule } from './api.module';
import { configureHttp } from './http/http-setup';

/** Builds the HTTP application exactly as production runs it; the e2e tests use this too. */
export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    logger: logLevels(process.env.LOG_LEVEL),
  });
  configureHttp(app, app.get(ConfigService).getOrThrow<string>('BODY_LIMIT'));
  return app;
}
