import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EngineMetrics, nestLogger, TaskMetrics } from '@pact/engine';
import { ApiModule } from './api.module';
import { configureHttp } from './http/http-setup';
import { applyServerTimeouts } from './http/server-timeouts';
import { setupOpenApi } from './http/openapi';
import { configureWeb } from './web/web-setup';
import { ApiSettings } from './config/api-settings';
import { httpMetrics } from './metrics/http-metrics';

/** Builds the HTTP application (JSON API under /api, people's pages at the root) exactly as production runs it; the e2e tests use this too. */
export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    // JSON lines or pretty ones, LOG_LEVEL and LOG_FORMAT (docs/operations/logs.md).
    logger: nestLogger('api'),
  });
  const settings = app.get(ApiSettings);
  // Before anything reads req.ip: the per-client limits must see the person, not the proxy.
  if (settings.trustProxy !== false) app.set('trust proxy', settings.trustProxy);
  // First, so every request is timed, also those the body parser or a guard turns away.
  const metrics = app.get(EngineMetrics);
  metrics.start('api');
  app.get(TaskMetrics).register();
  app.use(httpMetrics(metrics));
  configureHttp(app, settings.bodyLimit, settings.corsOrigins);
  configureWeb(app);
  applyServerTimeouts(app.getHttpServer(), settings.http);
  setupOpenApi(app);
  return app;
}
