import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Clock, ImplementationReport, isComplete, Milestone, ReportCompiler } from '@pact/domain';
import {
  CycleRecord,
  CycleRepository,
  EventRepository,
  ReportRecord,
  ReportRepository,
  SubmissionRecord,
  SubmissionRepository,
  TaskRepository,
  WorkingGroupRepository,
} from '@pact/persistence';
import { CLOCK } from '@pact/queues';
import { FanOutService } from '../fan-out/fan-out.service';
import { NotificationService } from '../notifications/notification.service';

/**
 * Compiles a milestone's implementation report by streaming its tasks and their revisions
 * from two cursors: memory holds one summary per working group, never all submissions. Deterministic, so a redelivered job rewrites the same report.
 */
@Injectable()
export class CompilationService {
  private readonly logger = new Logger(CompilationService.name);

  constructor(
    private readonly cycles: CycleRepository,
    private readonly tasks: TaskRepository,
    private readonly submissions: SubmissionRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly reports: ReportRepository,
    private readonly events: EventRepository,
    private readonly fanOut: FanOutService,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async compile(cycleId: string, milestoneKey: string): Promise<ImplementationReport | null> {
    let cycle = await this.cycles.findById(cycleId);
    if (!cycle || (cycle.status !== 'scheduled' && cycle.status !== 'running')) return null;
    const milestone = cycle.milestones.find((m) => m.key === milestoneKey);
    if (!milestone) return null;
    if (cycle.milestoneState[milestoneKey]?.status === 'scheduled') {
      // The request never went out (its timer was lost and not yet rebuilt): send it now,
      // so the report lists every group, as missing.
      await this.fanOut.run(cycleId, milestoneKey);
      cycle = (await this.cycles.findById(cycleId))!;
    }
    if (cycle.milestoneState[milestoneKey]?.status === 'compiled') {
      // Compiled by an attempt that may have died before its follow-ups: they are idempotent, redo them.
      const stored = await this.reports.find(cycleId, milestoneKey);
      if (stored) await this.afterCompiled(cycle, milestone, stored.report);
      return stored?.report ?? null;
    }
    if (cycle.milestoneState[milestoneKey]?.status !== 'requested') return null;

    const now = this.clock.now();
    const groupInfo = new Map((await this.groups.findByKeys(cycle.groupKeys)).map((g) => [g.key, g]));
    const higherIsBetter = (g: string, k: string) => cycle!.template.indicatorsByGroup[g]?.find((d) => d.key === k)?.higherIsBetter ?? true;
    const compiler = new ReportCompiler(
      {
        cycleId,
        cycleName: cycle.name,
        milestoneKey,
        milestoneTitle: milestone.title,
        milestoneKind: milestone.kind,
        dueAt: milestone.dueAt,
        compiledAt: now,
      },
      higherIsBetter,
    );
    // Merge join: tasks by _id, revisions by taskId (the same hex order), keeping only the
    // latest revision of the current task in memory.
    const revisions = this.submissions.streamByMilestone(cycleId, milestoneKey)[Symbol.asyncIterator]();
    let next = await revisions.next();
    for await (const task of this.tasks.stream({ cycleId, milestoneKey })) {
      let latest: SubmissionRecord | null = null;
      while (!next.done && next.value.taskId < task.id) next = await revisions.next();
      while (!next.done && next.value.taskId === task.id) {
        if (next.value.revision <= task.latestRevision) latest = next.value;
        next = await revisions.next();
      }
      if (task.status !== 'submitted') latest = null;
      compiler.add({
        groupKey: task.groupKey,
        fieldOfAction: groupInfo.get(task.groupKey)?.fieldOfAction ?? task.groupKey,
        status: task.status,
        late: task.late,
        submittedAt: task.submittedAt,
        revision: latest?.revision,
        escalationLevel: task.escalationLevel,
        extended: task.extensions.length > 0,
        content: latest?.content,
      });
    }
    const previous = await this.reports.previousOfKind(milestone.kind, cycleId, now);
    const report = compiler.result(previous?.report ?? null);
    await this.reports.save(report);

    const moved = await this.cycles.transitionMilestone(cycleId, milestoneKey, ['requested'], 'compiled', now);
    if (moved) await this.afterCompiled(moved, milestone, report);
    return report;
  }

  /** Event, committee notification and cycle completion: each deduplicated, so safe to repeat. */
  private async afterCompiled(cycle: CycleRecord, milestone: Milestone, report: ImplementationReport): Promise<void> {
    const cycleId = cycle.id;
    const milestoneKey = milestone.key;
    const now = this.clock.now();
    const fresh = await this.events.append({
      type: 'report.compiled',
      at: now,
      actor: 'engine',
      cycleId,
      dedupeKey: `report-compiled-${cycleId}-${milestoneKey}`,
      data: { milestoneKey, onTime: report.coverage.onTime, late: report.coverage.late, missing: report.coverage.missing },
    });
    await this.notifications.send(
      {
        kind: 'report-compiled',
        audience: 'committee',
        recipients: this.notifications.committee(),
        cycleId,
        cycleName: cycle.name,
        milestoneTitle: milestone.title,
        details: { milestoneKey, coverage: { onTime: report.coverage.onTime, late: report.coverage.late, missing: report.coverage.missing } },
      },
      `compiled-${cycleId}-${milestoneKey}`,
    );
    if (fresh) {
      this.logger.log(`${cycle.name}: ${milestone.title} compiled (${report.coverage.onTime} on time, ${report.coverage.late} late, ${report.coverage.missing} missing)`);
    }
    if (isComplete(Object.values(cycle.milestoneState).map((s) => s.status))) {
      const done = await this.cycles.transition(cycleId, ['running'], 'completed', now);
      if (done || cycle.status === 'completed') {
        await this.events.append({ type: 'cycle.completed', at: now, actor: 'engine', cycleId, dedupeKey: `cycle-completed-${cycleId}` });
      }
    }
  }

  /** The report of a milestone; without a key, the final one if compiled, else the latest. */
  async find(cycleId: string, milestoneKey?: string): Promise<ReportRecord> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new NotFoundException(`cycle ${cycleId} does not exist`);
    const all = await this.reports.listByCycle(cycleId);
    const found = milestoneKey
      ? all.find((r) => r.milestoneKey === milestoneKey)
      : (all.find((r) => r.milestoneKind === 'final') ?? all[all.length - 1]);
    if (!found) throw new NotFoundException(milestoneKey ? `no report compiled yet for milestone "${milestoneKey}"` : 'no report compiled yet for this cycle');
    return found;
  }
}
