import { Inject, Injectable } from '@nestjs/common';
import {
  Answers,
  answerProblems,
  Clock,
  CLOCK,
  followUpDedupe,
  isLate,
  keptAnswers,
  normaliseContent,
  parseTaskFollowUp,
  SubmissionContent,
  taskKeys,
  templateProblems,
} from '@pact/domain';
import {
  CycleRecord,
  CycleRepository,
  EventRecord,
  EventRepository,
  ReportRepository,
  SubmissionRecord,
  SubmissionRepository,
  TaskRecord,
  TaskRepository,
} from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { ObservationService } from '../observations/observation.service';
import { assertReportWritable, loadTaskForWriting, questionnaireOf, reportTemplateOf, TaskAndCycle } from '../tasks/task-and-cycle';

export interface TaskView {
  task: TaskRecord;
  revisions: SubmissionRecord[];
  timeline: EventRecord[];
}

@Injectable()
export class SubmissionService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly submissions: SubmissionRepository,
    private readonly events: EventRepository,
    private readonly reports: ReportRepository,
    private readonly timers: TimerScheduler,
    private readonly observations: ObservationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Stores the content as a new numbered revision, never overwriting an earlier one; late
   * submissions are accepted and marked late. Intent before effect: the task hands out the
   * revision's number and records its key in its outbox first, then the revision is stored,
   * then the task takes it (status, latest revision). Whatever of that a crash or a lost database
   * interrupts, the key is there for the sweep (`resume`), so a stored revision always reaches its
   * task, its timers and the report. `followUp` does the rest.
   */
  async submit(taskId: string, content: SubmissionContent, actor: string): Promise<{ submission: SubmissionRecord; task: TaskRecord }> {
    return this.submitTo(await loadTaskForWriting({ tasks: this.tasks, cycles: this.cycles }, taskId), content, actor);
  }

  /**
   * `submit` for a caller that has just read the task and its cycle through the engine (the
   * pages' task context), so they are not read again: the same rules on what was read (the
   * report can still be written, the template's check, run here once), and the task's own
   * guarded updates decide against its stored state as for any submission. The template's
   * problems keep their rules and numbers (InvalidError), so a page words them without checking
   * again.
   */
  async submitTo(target: TaskAndCycle, content: SubmissionContent, actor: string): Promise<{ submission: SubmissionRecord; task: TaskRecord }> {
    assertReportWritable(target);
    const { task, cycle } = target;
    const template = reportTemplateOf(cycle);
    const problems = templateProblems(template, task.groupKey, content);
    if (problems.length) throw new InvalidError(problems);
    return this.store(target, { content: normaliseContent(template, task.groupKey, content) }, actor);
  }

  /**
   * A participant's answers to a questionnaire round (a city's self-evaluation), stored as a new
   * revision like a report: checked against the questionnaire the round started with
   * (`answerProblems`, every problem by its path `answers.<question>`), and only the answers to
   * questions shown are kept (`keptAnswers`), so a city that declines after drafting stores no
   * rating. Declining is an answer too (take part: no), which the network report counts.
   */
  async submitAnswers(taskId: string, answers: unknown, actor: string): Promise<{ submission: SubmissionRecord; task: TaskRecord }> {
    return this.submitAnswersTo(await loadTaskForWriting({ tasks: this.tasks, cycles: this.cycles }, taskId), answers, actor);
  }

  /** `submitAnswers` for a caller that has just read the task and its cycle (the pages' task context). */
  async submitAnswersTo(target: TaskAndCycle, answers: unknown, actor: string): Promise<{ submission: SubmissionRecord; task: TaskRecord }> {
    assertReportWritable(target);
    const questionnaire = questionnaireOf(target.cycle);
    const problems = answerProblems(questionnaire, answers);
    if (problems.length) throw new InvalidError(problems);
    return this.store(target, { answers: keptAnswers(questionnaire, answers as Answers) }, actor);
  }

  /** Stores a checked body as the task's next revision (see `submit`: intent, revision, task, follow-ups). */
  private async store(
    { task, cycle }: TaskAndCycle,
    body: Pick<SubmissionRecord, 'content'> | Pick<SubmissionRecord, 'answers'>,
    actor: string,
  ): Promise<{ submission: SubmissionRecord; task: TaskRecord }> {
    const now = this.clock.now();
    const data = {
      taskId: task.id,
      cycleId: task.cycleId,
      milestoneKey: task.milestoneKey,
      groupKey: task.groupKey,
      ...body,
      submittedAt: now,
      late: isLate(now, task.dueAt),
      afterCompilation: cycle.milestoneState[task.milestoneKey]?.status === 'compiled',
      submittedBy: actor,
    };
    let known = task;
    for (let attempt = 0; attempt < 10; attempt++) {
      const numbered = await this.tasks.numberRevision(task.id, (n) => taskKeys.submission(task.id, n), known);
      if (!numbered) throw new ConflictError(`the task is no longer open; submissions are closed`);
      const submission = await this.submissions.insertRevision(data, numbered.revision);
      // The number was taken (a revision from before numbers came from the task, or one the
      // sweep gave up): its key stays owed for the sweep, which follows up whatever holds it.
      known = numbered.task;
      if (!submission) continue;
      const key = taskKeys.submission(task.id, submission.revision);
      const updated = await this.tasks.markSubmitted(task.id, submission.revision, now, (dueAt) => isLate(now, dueAt), key, numbered.task);
      if (!updated) {
        // Cancelled meanwhile: the revision is kept, nothing follows.
        await this.tasks.completeFollowUp(task.id, key);
        return { submission, task };
      }
      await this.followUp(updated, key);
      return { submission, task: { ...updated, outbox: (updated.outbox ?? []).filter((k) => k !== key) } };
    }
    throw new Error(`could not number a new revision of task ${task.id}`);
  }

  /**
   * The sweep's entry for a revision key left owed: the request that numbered it died (or lost
   * the database) somewhere between numbering, storing and the task taking the revision. A stored
   * revision is brought to the task (judged late by when it was submitted) and followed up; a
   * number whose revision never came is given up, so nothing can store it later unnoticed.
   */
  async resume(task: TaskRecord, key: string): Promise<void> {
    const what = parseTaskFollowUp(key);
    if (what?.kind !== 'submission') throw new Error(`${key} is not a submission follow-up`);
    const found =
      (await this.submissions.findRevision(task.id, what.revision)) ?? (await this.submissions.abandonNumber(task.id, what.revision, this.clock.now()));
    if (found === 'abandoned') {
      await this.tasks.completeFollowUp(task.id, key);
      return;
    }
    const submission = found;
    let current = task;
    if (task.latestRevision < submission.revision) {
      // Late as it was when it came (stored with it), not against a date extended since.
      const updated = await this.tasks.markSubmitted(task.id, submission.revision, submission.submittedAt, () => submission.late, key);
      if (!updated) {
        // Cancelled meanwhile: the revision is kept, nothing follows (as for a submission then).
        await this.tasks.completeFollowUp(task.id, key);
        return;
      }
      current = updated;
    }
    await this.followUp(current, key);
  }

  /**
   * The follow-ups of a revision (named by its key in the task's outbox): its event, its count
   * for compilation, a compilation now or a recompilation, and its observations. Safe to run
   * again (the sweep finishes what a crash left open): the event is deduplicated by the key,
   * counting a revision twice costs at most one recompilation more, and observations are stored
   * under the revision's number (ObservationService.recordRevision).
   */
  async followUp(task: TaskRecord, key: string): Promise<void> {
    const what = parseTaskFollowUp(key);
    if (what?.kind !== 'submission') throw new Error(`${key} is not a submission follow-up`);
    const submission = await this.submissions.findRevision(task.id, what.revision);
    if (submission) {
      await this.events.append({
        type: 'submission.received',
        at: submission.submittedAt,
        actor: submission.submittedBy,
        cycleId: task.cycleId,
        taskId: task.id,
        groupKey: task.groupKey,
        dedupeKey: followUpDedupe.event(key),
        data: {
          revision: submission.revision,
          late: submission.late,
          afterCompilation: submission.afterCompilation,
          ...(submission.content ? { measures: submission.content.measures.length, indicators: submission.content.indicators.length } : {}),
          ...(submission.answers ? { answers: Object.keys(submission.answers).length } : {}),
        },
      });
    }

    // Counted after the task update, in one atomic step that also tells whether compilation had
    // already marked the milestone compiled: then this revision is in no report and a
    // recompilation is owed here; otherwise the compilation sees the count (CompilationService).
    const cycle = await this.cycles.countRevision(task.cycleId, task.milestoneKey, task.groupKey);
    const milestone = cycle?.milestoneState[task.milestoneKey];
    if (milestone?.status === 'compiled') {
      const owed = await this.reports.noteLateRevision(task.cycleId, task.milestoneKey, key);
      if (owed !== null) await this.timers.recompile(task.cycleId, task.milestoneKey, owed);
    } else if (cycle && milestone?.status === 'requested') {
      // Everyone is in: compile now rather than wait for the compile date.
      if ((await this.stillWaiting(cycle, task.milestoneKey)) === 0) await this.timers.compileNow(task.cycleId, task.milestoneKey);
    }
    // Before the key is completed: until then the sweep would record them again (by key, the same values).
    if (submission) await this.observations.recordRevision(task, submission, cycle?.questionnaire);
    await this.tasks.completeFollowUp(task.id, key);
  }

  /**
   * How many of the milestone's tasks still wait for a report: one task per group of the cycle,
   * so the groups not yet in the milestone's `submittedGroups` (read by key, with the cycle). A
   * milestone requested before that set was kept counts its tasks instead (a scan, for
   * deployments upgraded in the middle of a milestone, until it is compiled).
   */
  private async stillWaiting(cycle: CycleRecord, milestoneKey: string): Promise<number> {
    const milestone = cycle.milestoneState[milestoneKey];
    if (!milestone?.keepsSubmittedGroups) return this.tasks.count({ cycleId: cycle.id, milestoneKey, status: ['open', 'overdue'] });
    const submitted = new Set(milestone.submittedGroups ?? []);
    return cycle.groupKeys.filter((g) => !submitted.has(g)).length;
  }

  /** A task's revisions, oldest first (for a caller that has read the task already; `view` reads it too), by key. */
  revisions(task: TaskRecord): Promise<SubmissionRecord[]> {
    return this.submissions.listByTask(task);
  }

  async view(taskId: string): Promise<TaskView> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw new NotFoundError(`task ${taskId} does not exist`);
    const [revisions, timeline] = await Promise.all([this.submissions.listByTask(task), this.events.listByTask(taskId)]);
    return { task, revisions, timeline };
  }
}
