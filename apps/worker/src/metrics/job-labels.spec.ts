import { JOB } from '@pact/queues';
import { attemptSeconds, jobLabel } from './job-labels';

describe('job metric labels', () => {
  it('keeps the engine job names and folds anything else into "other"', () => {
    expect(jobLabel(JOB.FanOut)).toBe('fan-out');
    expect(jobLabel(JOB.Deliver)).toBe('deliver');
    expect(jobLabel('task-66f0c3e2a1b2c3d4e5f60718')).toBe('other');
    expect(jobLabel(undefined)).toBe('other');
  });

  it('measures an attempt from BullMQ stamps, and nothing for one that never ran', () => {
    expect(attemptSeconds({ processedOn: 1_000, finishedOn: 3_500 })).toBe(2.5);
    expect(attemptSeconds({ finishedOn: 3_500 })).toBeUndefined();
    expect(attemptSeconds({ processedOn: 4_000, finishedOn: 3_500 })).toBeUndefined();
    expect(attemptSeconds(undefined)).toBeUndefined();
  });
});
