import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { canSubmit, checkContentAgainstTemplate, Clock, isLate, normaliseContent, SubmissionContent } from '@pact/domain';
import {
  CycleRepository,
  EventRecord,
  EventRepository,
  ReportRepository,
  SubmissionRecord,
  SubmissionRepository,
  TaskRecord,
  TaskRepository,
} from '@pact/persistence';
import { CLOCK, TimerScheduler } from '@pact/queues';

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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Stores the content as a new numbered revision, never overwriting an earlier one. The
   * revision is written before the task changes state, so an accepted submission survives
   * a crash between the two; late submissions are accepted and marked late.
   */
  async submit(taskId: string, content: SubmissionContent, actor: string): Promise<{ submission: SubmissionRecord; task: TaskRecord }> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw new NotFoundException(`task ${taskId} does not exist`);
    const cycle = await this.cycles.findById(task.cycleId);
    if (!cycle) throw new NotFoundException(`task ${taskId} belongs to no cycle`);
    if (cycle.status === 'cancelled') throw new ConflictException('the cycle was cancelled; submissions are closed');
    if (!canSubmit(task.status)) throw new ConflictException(`the task is ${task.status}; submissions are closed`);

    const problems = checkContentAgainstTemplate(cycle.template, task.groupKey, content);
    if (problems.length) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems.map((p) => `${p.path}: ${p.message}`) });

    const now = this.clock.now();
    const late = isLate(now, task.dueAt);
    const afterCompilation = cycle.milestoneState[task.milestoneKey]?.status === 'compiled';
    const submission = await this.submissions.insertRevision({
      taskId: task.id,
      cycleId: task.cycleId,
      milestoneKey: task.milestoneKey,
      groupKey: task.groupKey,
      content: normaliseContent(cycle.template, task.groupKey, content),
      submittedAt: now,
      late,
      afterCompilation,
      submittedBy: actor,
    });
    const updated = (await this.tasks.markSubmitted(task.id, submission.revision, now, late)) ?? task;
    await this.events.append({
      type: 'submission.received',
      at: now,
      actor,
      cycleId: task.cycleId,
      taskId: task.id,
      groupKey: task.groupKey,
      dedupeKey: `submission-${submission.id}`,
      data: { revision: submission.revision, late, afterCompilation, measures: content.measures.length, indicators: content.indicators.length },
    });

    // A revision for a milestone whose report is already written: the report is recompiled
    // (through the compile queue, once per late revision), so it and later published versions include it.
    const owed = await this.reports.noteLateRevision(task.cycleId, task.milestoneKey);
    if (owed !== null) await this.timers.recompile(task.cycleId, task.milestoneKey, owed);

    // Everyone is in: compile now rather than wait for the compile date.
    if (cycle.milestoneState[task.milestoneKey]?.status === 'requested') {
      const waiting = await this.tasks.count({ cycleId: task.cycleId, milestoneKey: task.milestoneKey, status: ['open', 'overdue'] });
      if (waiting === 0) await this.timers.compileNow(task.cycleId, task.milestoneKey);
    }
    return { submission, task: updated };
  }

  async view(taskId: string): Promise<TaskView> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw new NotFoundException(`task ${taskId} does not exist`);
    const [revisions, timeline] = await Promise.all([this.submissions.listByTask(taskId), this.events.listByTask(taskId)]);
    return { task, revisions, timeline };
  }
}
