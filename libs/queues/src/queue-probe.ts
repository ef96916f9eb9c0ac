import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QUEUE } from './queue-names';

/** Answers "can Redis serve the queues now?" for readiness checks (a read on a producer connection, which has a command deadline). */
@Injectable()
export class QueueProbe {
  constructor(@InjectQueue(QUEUE.Deadlines) private readonly deadlines: Queue) {}

  async probe(): Promise<void> {
    await this.deadlines.getJobCounts('waiting');
  }
}
