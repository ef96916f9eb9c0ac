import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { logLevels } from '@pact/engine';
import { WorkerModule } from './worker.module';

export async function createWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: logLevels(process.env.LOG_LEVEL) });
  app.enableShutdownHooks();
  return app;
}
