import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { logLevels } from '@pact/engine';
import { WorkerModule } from './worker.module';

/**
 * The worker application. No signal handling here: main.ts drains on SIGTERM (drainOnSignals),
 * and a test that starts several workers in one process closes each itself.
 */
export async function createWorker(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(WorkerModule, { logger: logLevels(process.env.LOG_LEVEL) });
}
