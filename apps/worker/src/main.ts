import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createWorker } from './bootstrap';

createWorker()
  .then(() => new Logger('Worker').log('processing queues: cycles, deadlines, maintenance'))
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
