import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Clock,
  CLOCK,
  cycleKeys,
  eventKeys,
  ImplementationReport,
  isComplete,
  Milestone,
  notificationKeys,
  parseCycleFollowUp,
  ReportCompiler,
  TIMELINE_EVENT_TYPES,
  TimelineBuilder,
  timelineMarks,
  timelineMarkWordsIn,
  Catalogs,
  textIn,
  Answers,
  answersOfNetworkReport,
  compileNetworkReport,
  isQuestionnaireRound,
  NetworkCycle,
  NetworkReport,
  NetworkReportInput,
} from '@pact/domain';
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
import { TimerScheduler } from '@pact/queues';
import { FanOutService } from '../fan-out/fan-out.service';
import { NotificationService } from '../notifications/notification.service';
import { NotFoundError } from '../errors';
import { REPORT_CATALOGS } from './report-catalogs.provider';
import { HistoryService } from '../history/history.service';

function revisionsOf(cycle: CycleRecord, milestoneKey: string): number {
  return cycle.milestoneState[milestoneKey]?.revisions ?? 0;
}

/** How the network report names a round: its cycle, and its answer window's years ("2026", "2026–2027"). */
function networkCycleOf(cycle: CycleRecord, milestone: Milestone): NetworkCycle {
  const from = milestone.requestAt.getUTCFullYear();
  const to = milestone.dueAt.getUTCFullYear();
  return { id: cycle.id, name: cycle.name, period: from === to ? String(from) : `${from}–${to}` };
}

function isStale(r: ReportRecord): boolean {
  return (r.lateRevisions ?? 0) > (r.lateRevisionsCompiled ?? 0);
}

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
    private readonly timers: TimerScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REPORT_CATALOGS) private readonly reportCatalogs: Catalogs,
    private readonly history: HistoryService,
  ) {}

  /**
   * Compiles a milestone's report once its tasks are requested. Run again on a compiled
   * milestone, it recompiles when revisions arrived that the stored report lacks (late
   * revisions noted by SubmissionService, or revisions counted while it was being compiled),
   * else it redoes the idempotent follow-ups.
   */
  async compile(cycleId: string, milestoneKey: string): Promise<ImplementationReport | null> {
    let cycle = await this.cycles.findById(cycleId);
    if (!cycle) return null;
    const milestone = cycle.milestones.find((m) => m.key === milestoneKey);
    if (!milestone) return null;
    if (cycle.milestoneState[milestoneKey]?.status === 'compiled') {
      const stored = await this.reports.find(cycleId, milestoneKey);
      if (!stored) return null;
      if (cycle.status !== 'cancelled') {
        // Revisions counted after this report's build began whose recompilation was never owed
        // (the compilation that saw them died before noting them): note it now.
        if (stored.revisionsIncluded !== undefined && revisionsOf(cycle, milestoneKey) > stored.revisionsIncluded && !isStale(stored)) {
          await this.reports.noteLateRevision(cycleId, milestoneKey, `revisions-${revisionsOf(cycle, milestoneKey)}`);
          stored.lateRevisions = (stored.lateRevisions ?? 0) + 1;
        }
        if (isStale(stored)) return this.recompile(cycle, milestone, stored);
        // Compiled by an attempt that may have died before its follow-ups: they are idempotent, redo them.
        await this.followUp(cycle, cycleKeys.compiled(milestoneKey));
      }
      return stored.report;
    }
    if (cycle.status !== 'scheduled' && cycle.status !== 'running') return null;
    if (cycle.milestoneState[milestoneKey]?.status === 'scheduled') {
      // The request never went out (its timer was lost and not yet rebuilt): send it now,
      // so the report lists every group, as missing.
      await this.fanOut.run(cycleId, milestoneKey);
      cycle = (await this.cycles.findById(cycleId))!;
    }
    if (cycle.milestoneState[milestoneKey]?.status !== 'requested') return null;

    const now = this.clock.now();
    // Late revisions noted against a report written by an earlier attempt are all in this one.
    const lateRevisions = (await this.reports.find(cycleId, milestoneKey))?.lateRevisions ?? 0;
    // Revisions counted so far are in what this build reads (each is counted after its task update).
    const included = revisionsOf(cycle, milestoneKey);
    const { report, network } = await this.build(cycle, milestone, now, now, false);
    await this.reports.save(report, lateRevisions, included, { programme: cycle.programme, ...(network ? { network } : {}) });

    const moved = await this.cycles.transitionMilestone(cycleId, milestoneKey, ['requested'], 'compiled', now, cycleKeys.compiled(milestoneKey));
    if (moved) await this.followUp(moved, cycleKeys.compiled(milestoneKey));
    return report;
  }

  /**
   * The report again, with every revision stored so far. The baseline for "change since the
   * previous cycle" stays the one of the first compilation.
   */
  private async recompile(cycle: CycleRecord, milestone: Milestone, stored: ReportRecord): Promise<ImplementationReport> {
    const lateRevisions = stored.lateRevisions ?? 0;
    const now = this.clock.now();
    const firstCompiledAt = cycle.milestoneState[milestone.key]?.compiledAt ?? stored.compiledAt;
    const included = revisionsOf(cycle, milestone.key);
    const { report, network } = await this.build(cycle, milestone, now, firstCompiledAt, true);
    if (!(await this.reports.saveRecompiled(report, lateRevisions, included, { programme: cycle.programme, ...(network ? { network } : {}) }))) {
      // A recompilation that saw as many late revisions or more was saved first.
      return (await this.reports.find(cycle.id, milestone.key))?.report ?? report;
    }
    const fresh = await this.events.append({
      type: 'report.recompiled',
      at: now,
      actor: 'engine',
      cycleId: cycle.id,
      dedupeKey: eventKeys.reportRecompiled(cycle.id, milestone.key, lateRevisions),
      data: { milestoneKey: milestone.key, lateRevisions, onTime: report.coverage.onTime, late: report.coverage.late, missing: report.coverage.missing },
    });
    if (fresh) this.logger.log(`${cycle.name}: ${textIn(milestone.title, 'en')} recompiled after ${lateRevisions} late revision(s)`);
    return report;
  }

  /**
   * Streams the milestone's tasks and their revisions, and the cycle's events for the timeline.
   * A questionnaire round also gets its network report, from each participant's latest answers
   * (one answer set per participant in memory: a round has tens of cities, not thousands).
   */
  private async build(
    cycle: CycleRecord,
    milestone: Milestone,
    now: Date,
    previousBefore: Date,
    recompiled: boolean,
  ): Promise<{ report: ImplementationReport; network?: NetworkReport }> {
    const cycleId = cycle.id;
    const milestoneKey = milestone.key;
    const groupInfo = new Map((await this.groups.findByKeys(cycle.groupKeys)).map((g) => [g.key, g]));
    const higherIsBetter = (g: string, k: string) => cycle.template?.indicatorsByGroup[g]?.find((d) => d.key === k)?.higherIsBetter ?? true;
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
    const answers: Record<string, Answers | undefined> = {};
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
        answered: !!latest?.answers,
      });
      if (latest?.answers) answers[task.groupKey] = latest.answers;
    }

    // The timeline: the cycle's events up to now, counted per week or month over a cursor.
    const marks = timelineMarks(
      {
        start: cycle.start,
        milestones: cycle.milestones.map((m) => ({ ...m, compiledAt: cycle.milestoneState[m.key]?.compiledAt })),
      },
      now,
      { milestoneKey, at: now, recompiled },
      timelineMarkWordsIn(this.reportCatalogs),
    );
    const timeline = new TimelineBuilder(cycle.start, now, marks);
    for await (const e of this.events.streamByCycle(cycleId, Object.keys(TIMELINE_EVENT_TYPES), now)) timeline.add(e);

    const previous = await this.reports.previousOfKind(milestone.kind, cycle.programme, cycleId, previousBefore);
    if (!isQuestionnaireRound(cycle)) return { report: compiler.result(previous?.report ?? null, timeline.result()) };
    // A round's change since the previous one is the network report's (ratings); its coverage report has no content to compare.
    const report = compiler.result(null, timeline.result());
    const network = compileNetworkReport({
      questionnaire: cycle.questionnaire,
      cycle: networkCycleOf(cycle, milestone),
      participants: cycle.groupKeys.map((k) => {
        const g = groupInfo.get(k);
        return { key: k, name: g?.fieldOfAction ?? k, country: g?.country ?? '', size: g?.size ?? '' };
      }),
      answers,
      ...((await this.baselineOf(cycle, milestone, previous)) ?? {}),
    });
    return { report, network };
  }

  /**
   * What a round compares with: the programme's previous round as it was compiled, or the newest
   * year of imported history before this round, whichever is later (a round run here after the
   * imported years; the imported 2022 before the first round run here). None: no change section.
   */
  private async baselineOf(cycle: CycleRecord, milestone: Milestone, previous: ReportRecord | null): Promise<Pick<NetworkReportInput, 'previous'> | null> {
    const year = milestone.requestAt.getUTCFullYear();
    const historic = await this.history.latestBefore(cycle.programme, year);
    const roundYear = previous?.network ? previous.compiledAt.getUTCFullYear() : null;
    if (historic && (roundYear === null || historic.year > roundYear))
      return { previous: { cycle: { id: `history-${historic.year}`, name: String(historic.year), period: String(historic.year) }, answers: historic.answers } };
    if (previous?.network) return { previous: { cycle: previous.network.cycle, answers: answersOfNetworkReport(previous.network) } };
    return null;
  }

  /**
   * The follow-ups of a compiled milestone (named `compiled-<milestone>` in the cycle's outbox):
   * event, committee notification and cycle completion, each deduplicated, so safe to repeat;
   * then the key leaves the outbox.
   */
  async followUp(cycle: CycleRecord, key: string): Promise<void> {
    const what = parseCycleFollowUp(key);
    if (what?.kind !== 'compiled') throw new Error(`${key} is not a follow-up of CompilationService`);
    const milestone = cycle.milestones.find((m) => m.key === what.milestoneKey);
    const stored = milestone && (await this.reports.find(cycle.id, milestone.key));
    if (milestone && stored && cycle.status !== 'cancelled') {
      // Revisions counted between the build's start and the milestone's transition to compiled
      // may be missing from the report (`cycle` is the one that transition returned, or newer);
      // those counted after it saw "compiled" and noted their recompilation themselves.
      if (stored.revisionsIncluded !== undefined && revisionsOf(cycle, milestone.key) > stored.revisionsIncluded && !isStale(stored)) {
        const owed = await this.reports.noteLateRevision(cycle.id, milestone.key, `revisions-${revisionsOf(cycle, milestone.key)}`);
        if (owed !== null) await this.timers.recompile(cycle.id, milestone.key, owed);
      }
      await this.afterCompiled(cycle, milestone, stored.report);
    }
    await this.cycles.completeFollowUp(cycle.id, key);
  }

  private async afterCompiled(cycle: CycleRecord, milestone: Milestone, report: ImplementationReport): Promise<void> {
    const cycleId = cycle.id;
    const milestoneKey = milestone.key;
    const now = this.clock.now();
    const fresh = await this.events.append({
      type: 'report.compiled',
      at: now,
      actor: 'engine',
      cycleId,
      dedupeKey: eventKeys.reportCompiled(cycleId, milestoneKey),
      data: { milestoneKey, onTime: report.coverage.onTime, late: report.coverage.late, missing: report.coverage.missing },
    });
    await this.notifications.send(
      {
        kind: 'report-compiled',
        audience: 'committee',
        recipients: this.notifications.committee(cycle.programme),
        cycleId,
        cycleName: cycle.name,
        milestoneTitle: milestone.title,
        details: { milestoneKey, coverage: { onTime: report.coverage.onTime, late: report.coverage.late, missing: report.coverage.missing } },
      },
      notificationKeys.reportCompiled(cycleId, milestoneKey),
    );
    if (fresh) {
      this.logger.log(
        `${cycle.name}: ${textIn(milestone.title, 'en')} compiled (${report.coverage.onTime} on time, ${report.coverage.late} late, ${report.coverage.missing} missing)`,
      );
    }
    if (isComplete(Object.values(cycle.milestoneState).map((s) => s.status))) {
      const done = await this.cycles.transition(cycleId, ['running'], 'completed', now);
      if (done || cycle.status === 'completed') {
        await this.events.append({ type: 'cycle.completed', at: now, actor: 'engine', cycleId, dedupeKey: eventKeys.cycleCompleted(cycleId) });
      }
    }
  }

  /** The report of a milestone; without a key, the final one if compiled, else the latest. */
  async find(cycleId: string, milestoneKey?: string): Promise<ReportRecord> {
    const found = await this.findIfCompiled(cycleId, milestoneKey);
    if (!found) throw new NotFoundError(milestoneKey ? `no report compiled yet for milestone "${milestoneKey}"` : 'no report compiled yet for this cycle');
    return found;
  }

  /** As find, but null when no report is compiled yet (404 still for an unknown cycle). */
  async findIfCompiled(cycleId: string, milestoneKey?: string): Promise<ReportRecord | null> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new NotFoundError(`cycle ${cycleId} does not exist`);
    const all = await this.reports.listByCycle(cycleId);
    return (milestoneKey ? all.find((r) => r.milestoneKey === milestoneKey) : (all.find((r) => r.milestoneKind === 'final') ?? all[all.length - 1])) ?? null;
  }
}
