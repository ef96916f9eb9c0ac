import { JOB } from '@pact/queues';
import { attemptSeconds, jobLabel } from './job-labels';

describe('job metric labels', () => {
  it('keeps the engine job names and folds anything else into "other"', () => {
    expect(jobLabel(JOB.FanOut)).toBe('fan-out');
    expect(jobLabel(JOB.Deliver)).toBe('deliver');
    expect(jobLabel('task-66f0c3e2a1b2c3d4e5f60718')).toBe('other');
    expect(jobLabel(undefined)).toBe('other');
  });

  it('measures an attempt from BullMQ stamps, a retried one up to now, and nothing for one that never ran', () => {
    expect(attemptSeconds({ processedOn: 1_000, finishedOn: 3_500 }, 9_000)).toBe(2.5);
    expect(attemptSeconds({ processedOn: 1_000 }, 1_750)).toBe(0.75);
    expect(attemptSeconds({ finishedOn: 3_500 }, 9_000)).toBeUndefined();
    expect(attemptSeconds({ processedOn: 4_000, finishedOn: 3_500 }, 9_000)).toBeUndefined();
    expect(attemptSeconds(undefined, 9_000)).toBeUndefined();
  });
});
