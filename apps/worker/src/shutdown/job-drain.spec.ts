import type { Job, Worker } from 'bullmq';
import { JobDrain } from './job-drain';
import { JobsInHand } from './jobs-in-hand';

function workerDouble(name: string) {
  return { name, close: jest.fn().mockResolvedValue(undefined) } as unknown as Worker & { close: jest.Mock };
}

function jobDouble(queueName: string, id: string, moveToWait: jest.Mock) {
  return { queueName, id, name: 'overdue', token: `token-${id}`, moveToWait } as unknown as Job;
}

function drainOver(inHand: JobsInHand) {
  const workers = ['cycles', 'deadlines', 'notifications', 'maintenance'].map(workerDouble);
  const [cycles, deadlines, notifications, maintenance] = workers.map((worker) => ({ worker }) as never);
  const drain = new JobDrain(cycles, deadlines, notifications, maintenance, inHand);
  return { drain, workers };
}

describe('JobDrain', () => {
  it('closes every queue worker without force: they finish the jobs they hold', async () => {
    const { drain, workers } = drainOver(new JobsInHand());
    await drain.drain();
    for (const w of workers) expect(w.close).toHaveBeenCalledWith();
  });

  it('at the bound hands every job still held back with its own token, then closes the workers by force', async () => {
    const inHand = new JobsInHand();
    const moved = jest.fn().mockResolvedValue(0);
    const gone = jest.fn().mockRejectedValue(new Error('Missing lock for job 3'));
    inHand.take(jobDouble('deadlines', '1', moved));
    inHand.take(jobDouble('deadlines', '2', moved));
    inHand.take(jobDouble('deadlines', '3', gone));
    const finished = jobDouble('cycles', '4', moved);
    inHand.take(finished);
    inHand.release(finished);
    const { drain, workers } = drainOver(inHand);
    await drain.abandon();
    expect(moved.mock.calls).toEqual([['token-1'], ['token-2']]);
    expect(gone).toHaveBeenCalledWith('token-3');
    for (const w of workers) expect(w.close).toHaveBeenCalledWith(true);
  });
});
