import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { jobLogFields, withJobLogContext } from './job-log-context';

const job = (data: Record<string, unknown>) =>
  ({ id: 'task-timer.t1.reminder-1', name: 'task-timer', queueName: 'deadlines', attemptsMade: 0, data }) as unknown as Job;

describe('jobLogFields', () => {
  it('names the job, its queue, the attempt and the ids in its data that say what it is about', () => {
    expect(jobLogFields(job({ taskId: 't1', cycleId: 'c1', timerKey: 'reminder-1', kind: 'reminder' }))).toEqual({
      jobId: 'task-timer.t1.reminder-1',
      job: 'task-timer',
      queue: 'deadlines',
      attempt: 1,
      taskId: 't1',
      cycleId: 'c1',
    });
    expect(jobLogFields(job({ deliveryId: 'd1' }))).toMatchObject({ deliveryId: 'd1' });
    expect(jobLogFields(undefined)).toEqual({});
  });
});

describe('withJobLogContext', () => {
  it("gives the lines logged during the job (through nestjs-pino's PinoLogger) the job's fields", async () => {
    const seen = await withJobLogContext(job({ taskId: 't1', cycleId: 'c1' }), async () => {
      await new Promise((r) => setImmediate(r));
      return (new PinoLogger({}) as unknown as { logger: { bindings(): Record<string, unknown> } }).logger.bindings();
    });
    expect(seen).toMatchObject({ jobId: 'task-timer.t1.reminder-1', taskId: 't1', cycleId: 'c1' });
  });
});
