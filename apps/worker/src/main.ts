import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { drainOnSignals, EngineSettings } from '@pact/engine';
import { createWorker } from './bootstrap';
import { JobDrain } from './shutdown/job-drain';

createWorker()
  .then((app) => {
    // SIGTERM: take no more jobs, finish those in hand, then close the queues and the database client.
    const jobs = app.get(JobDrain);
    drainOnSignals(app, { timeoutMs: app.get(EngineSettings).shutdownTimeoutMs, drain: () => jobs.drain(), abandon: () => jobs.abandon() });
    new Logger('Worker').log('processing queues: cycles, deadlines, maintenance');
  })
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
