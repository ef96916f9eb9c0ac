import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { logLevels } from '@pact/engine';
import { ApiModule } from './api.module';
import { configureHttp } from './http/http-setup';
import { applyServerTimeouts } from './http/server-timeouts';
import { setupOpenApi } from './http/openapi';
import { configureWeb } from './web/web-setup';

/** Builds the HTTP application (JSON API under /api, people's pages at the root) exactly as production runs it; the e2e tests use this too. */
export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    logger: logLevels(process.env.LOG_LEVEL),
  });
  const config = app.get(ConfigService);
  const origins = String(config.get('CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  configureHttp(app, config.getOrThrow<string>('BODY_LIMIT'), origins);
  configureWeb(app, config.getOrThrow<string>('BODY_LIMIT'));
  applyServerTimeouts(app.getHttpServer(), {
    headersMs: Number(config.get('HTTP_HEADERS_TIMEOUT_MS')),
    requestMs: Number(config.get('HTTP_REQUEST_TIMEOUT_MS')),
    keepAliveMs: Number(config.get('HTTP_KEEP_ALIVE_TIMEOUT_MS')),
  });
  setupOpenApi(app);
  return app;
}
