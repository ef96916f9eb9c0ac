import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestLogger } from '@pact/engine';
import { WorkerModule } from './worker.module';

/**
 * The worker application. No signal handling here: main.ts drains on SIGTERM (drainOnSignals),
 * and a test that starts several workers in one process closes each itself.
 */
export async function createWorker(): Promise<INestApplicationContext> {
  // JSON lines or pretty ones, LOG_LEVEL and LOG_FORMAT (docs/operations/logs.md).
  return NestFactory.createApplicationContext(WorkerModule, { logger: nestLogger('worker') });
}
