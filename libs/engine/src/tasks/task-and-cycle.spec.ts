import { CycleRepository, TaskRepository } from '@pact/persistence';
import { ConflictError, NotFoundError } from '../errors';
import { aCycle, aTask, IDS } from '../testing/fixtures';
import { automock } from '../testing/service-doubles';
import { findTaskAndCycle, loadTaskAndCycle, loadTaskForWriting } from './task-and-cycle';

function stores(task = aTask() as ReturnType<typeof aTask> | null, cycle = aCycle() as ReturnType<typeof aCycle> | null) {
  const tasks = automock(TaskRepository);
  const cycles = automock(CycleRepository);
  tasks.findById.mockResolvedValue(task);
  cycles.findById.mockResolvedValue(cycle);
  return { tasks, cycles };
}

describe('a task with its cycle', () => {
  it('reads the task by key, then its cycle by the task’s cycle id', async () => {
    const s = stores();
    await expect(loadTaskAndCycle(s, IDS.task)).resolves.toEqual({ task: aTask(), cycle: aCycle() });
    expect(s.tasks.findById).toHaveBeenCalledWith(IDS.task);
    expect(s.cycles.findById).toHaveBeenCalledWith(IDS.cycle);
  });

  it('is not found when the task or its cycle is missing, naming which', async () => {
    await expect(loadTaskAndCycle(stores(null), IDS.task)).rejects.toThrow(new NotFoundError(`task ${IDS.task} does not exist`));
    await expect(loadTaskAndCycle(stores(aTask(), null), IDS.task)).rejects.toThrow(new NotFoundError(`task ${IDS.task} belongs to no cycle`));
  });

  it('finding gives null instead (a timer of a task gone does nothing)', async () => {
    await expect(findTaskAndCycle(stores(null), IDS.task)).resolves.toBeNull();
    await expect(findTaskAndCycle(stores(aTask(), null), IDS.task)).resolves.toBeNull();
    await expect(findTaskAndCycle(stores(), IDS.task)).resolves.toEqual({ task: aTask(), cycle: aCycle() });
  });

  it('for writing its report: refused as a conflict once the task or the cycle is cancelled; a submitted task may be revised', async () => {
    await expect(loadTaskForWriting(stores(aTask({ status: 'cancelled' })), IDS.task)).rejects.toBeInstanceOf(ConflictError);
    await expect(loadTaskForWriting(stores(aTask(), aCycle({ status: 'cancelled' })), IDS.task)).rejects.toThrow(
      'the cycle was cancelled; submissions are closed',
    );
    await expect(loadTaskForWriting(stores(aTask({ status: 'submitted' })), IDS.task)).resolves.toMatchObject({ task: { status: 'submitted' } });
  });
});
