import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { logLevels } from '@pact/engine';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The worker application. No signal handling here: main.ts drains on SIGTERM (drainOnSignals),
 * and a test that starts several workers in one process closes each itself.
 */
export async function createWorker(): Promise<INestApplicationContext> {
  // Logs buffered until the JSON logger takes over (docs/operations/logs.md).
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: logLevels(process.env.LOG_LEVEL), bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}
