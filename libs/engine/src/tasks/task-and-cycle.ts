import { reportClosedBecause, type Questionnaire, type ReportTemplate } from '@pact/domain';
import type { CycleRecord, CycleRepository, TaskRecord, TaskRepository } from '@pact/persistence';
import { ConflictError, InvalidError, NotFoundError } from '../errors';

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

/**
 * A report round's template, for the code that writes or reads a chair's report; a
 * questionnaire round (the Charter's) has none: its participants answer its questionnaire
 * instead (SubmissionService.submitAnswers), so asking it for a report is the caller's error,
 * said as the engine's InvalidError (400).
 */
export function reportTemplateOf(cycle: Pick<CycleRecord, 'template' | 'name'>): ReportTemplate {
  if (!cycle.template)
    throw InvalidError.fromMessages([
      `cycle: "${cycle.name}" is a questionnaire round: its participants send answers (POST /api/tasks/:id/answers), not a report`,
    ]);
  return cycle.template;
}

/** A questionnaire round's questionnaire; a report round has none (its chairs send a report). */
export function questionnaireOf(cycle: Pick<CycleRecord, 'questionnaire' | 'name'>): Questionnaire {
  if (!cycle.questionnaire)
    throw InvalidError.fromMessages([`cycle: "${cycle.name}" is a report round: its chairs send a report (POST /api/tasks/:id/submissions), not answers`]);
  return cycle.questionnaire;
}
