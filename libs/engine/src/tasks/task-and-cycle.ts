import { reportClosedBecause } from '@pact/domain';
import type { CycleRecord, CycleRepository, TaskRecord, TaskRepository } from '@pact/persistence';
import { ConflictError, NotFoundError } from '../errors';

/** A task with the cycle it belongs to: what most rules about a task need (template, milestones, status). */
export interface TaskAndCycle {
  task: TaskRecord;
  cycle: CycleRecord;
}

type Stores = { tasks: Pick<TaskRepository, 'findById'>; cycles: Pick<CycleRepository, 'findById'> };

/** The task and its cycle, each read by key; null when either is missing (a timer of a task gone is nothing to do). */
export async function findTaskAndCycle(stores: Stores, taskId: string): Promise<TaskAndCycle | null> {
  const task = await stores.tasks.findById(taskId);
  if (!task) return null;
  const cycle = await stores.cycles.findById(task.cycleId);
  return cycle ? { task, cycle } : null;
}

/** The task and its cycle, or the engine's NotFoundError naming which is missing (a request about a task). */
export async function loadTaskAndCycle(stores: Stores, taskId: string): Promise<TaskAndCycle> {
  const task = await stores.tasks.findById(taskId);
  if (!task) throw new NotFoundError(`task ${taskId} does not exist`);
  const cycle = await stores.cycles.findById(task.cycleId);
  if (!cycle) throw new NotFoundError(`task ${taskId} belongs to no cycle`);
  return { task, cycle };
}

/** Refuses (ConflictError, saying why) a task whose report can no longer be written: the domain's rule. */
export function assertReportWritable({ task, cycle }: TaskAndCycle): void {
  const closed = reportClosedBecause(task.status, cycle.status);
  if (closed) throw new ConflictError(closed);
}

/** The task and its cycle for writing its report (a submission, a draft): loaded, then refused when closed. */
export async function loadTaskForWriting(stores: Stores, taskId: string): Promise<TaskAndCycle> {
  const loaded = await loadTaskAndCycle(stores, taskId);
  assertReportWritable(loaded);
  return loaded;
}
