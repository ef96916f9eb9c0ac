import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ALL_QUEUES, QUEUE, QueueName } from './queue-names';

/** Jobs of one queue by state, as the operators' page shows them. */
export interface QueueCounts {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** Answers "can Redis serve the queues now?" for readiness checks (a read on a producer connection, which has a command deadline). */
@Injectable()
export class QueueProbe {
  private readonly queues: Queue[];

  constructor(
    @InjectQueue(QUEUE.Deadlines) private readonly deadlines: Queue,
    @InjectQueue(QUEUE.Cycles) cycles: Queue,
    @InjectQueue(QUEUE.Notifications) notifications: Queue,
    @InjectQueue(QUEUE.Maintenance) maintenance: Queue,
  ) {
    const byName = new Map([deadlines, cycles, notifications, maintenance].map((q) => [q.name, q]));
    this.queues = ALL_QUEUES.map((n) => byName.get(n)!);
  }

  async probe(): Promise<void> {
    await this.deadlines.getJobCounts('waiting');
  }

  /** Job counts of every queue: a few counting commands per queue, no job is read. */
  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      this.queues.map(async (q) => {
        const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        return {
          name: q.name as QueueName,
          waiting: c.waiting ?? 0,
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
        };
      }),
    );
  }
}
