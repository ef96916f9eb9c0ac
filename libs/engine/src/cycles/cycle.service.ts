import type { LocalizedText } from '@pact/domain';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  Clock,
  CLOCK,
  cycleKeys,
  CyclePlanInput,
  DayOrMoment,
  DEFAULT_TIME_ZONE,
  PlanPreview,
  PlanProblem,
  PlanProblemCode,
  previewCyclePlan,
  DEFAULT_ESCALATION,
  DEFAULT_LENGTH_MONTHS,
  DEFAULT_REMINDER_DAYS,
  EscalationPolicy,
  eventKeys,
  MilestoneInput,
  parseCycleFollowUp,
  planCycle,
  TASK_STATUSES,
  TaskStatus,
  textProblems,
  wordingsOf,
  isCommitteeOf,
  seesProgramme,
  Questionnaire,
  ReportTemplate,
  surveyMilestones,
  versionProblems,
} from '@pact/domain';
import {
  CycleRecord,
  CycleRepository,
  EventRepository,
  isDuplicateKey,
  QuestionnaireVersionRepository,
  ReportRepository,
  TaskRepository,
  TemplateRepository,
  WorkingGroupRepository,
} from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import type { Principal } from '../identity/identity.service';
import { ProgrammeCatalog } from '../programmes/programme-catalog';
import { QuestionnaireCatalog } from '../questionnaires/questionnaire-catalog';

/** Who reads cycles (their programmes), and who decides on one (the committee of its programme). */
type Reader = Pick<Principal, 'roles' | 'programmes'>;
type Decider = Pick<Principal, 'roles' | 'committeeOf' | 'actor'>;

export interface CreateCycleCommand {
  name: string;
  /** The programme whose cycle it is; default the Pact. */
  programme?: string;
  /** A calendar day (the plan on the programme's calendar) or a timestamp kept as given (planCycle). */
  start: DayOrMoment;
  lengthMonths?: number;
  templateKey?: string;
  groups?: string[];
  milestones?: MilestoneInput[];
  reminderDaysBeforeDue?: number[];
  escalation?: CyclePlanInput['escalation'];
}

export interface CycleProgress {
  tasksByStatus: Record<TaskStatus, number>;
  milestones: {
    key: string;
    title: LocalizedText;
    kind: string;
    status: string;
    requestAt: Date;
    dueAt: Date;
    compileAt: Date;
    requestedAt?: Date;
    compiledAt?: Date;
    tasksByStatus: Record<TaskStatus, number>;
  }[];
  reports: { milestoneKey: string; compiledAt: Date }[];
}

function emptyCounts(): Record<TaskStatus, number> {
  return Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
}

@Injectable()
export class CycleService {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly tasks: TaskRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly templates: TemplateRepository,
    private readonly reports: ReportRepository,
    private readonly events: EventRepository,
    private readonly timers: TimerScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PACT_CONFIG) private readonly config: PactConfig,
    private readonly programmes: ProgrammeCatalog,
    private readonly questionnaires: QuestionnaireCatalog,
    private readonly questionnaireVersions: QuestionnaireVersionRepository,
  ) {}

  /** The programme whose cycles the start-a-cycle form starts (report rounds on a template: the Pact). */
  reportProgramme(): string {
    return this.programmes.reportProgramme();
  }

  /**
   * The programme's rhythm: what a cycle has unless the committee describes other milestones
   * (the Pact's config `milestones`; a questionnaire programme's one survey milestone over its
   * window) and how long a cycle runs.
   */
  programmeMilestones(programme: string = this.programmes.reportProgramme()): MilestoneInput[] {
    const round = programme === this.programmes.reportProgramme() ? null : this.programmes.roundOf(programme);
    return round ? surveyMilestones(round.surveyMonths) : this.config.milestones;
  }

  programmeLengthMonths(programme: string = this.programmes.reportProgramme()): number {
    const round = programme === this.programmes.reportProgramme() ? null : this.programmes.roundOf(programme);
    return round?.everyMonths ?? DEFAULT_LENGTH_MONTHS;
  }

  /** The programmes whose cycles a person may start: those whose committee they sit on, and which run cycles (a report template or a questionnaire). */
  startableBy(p: Pick<Principal, 'roles' | 'committeeOf'>): string[] {
    return this.programmes
      .list()
      .map((x) => x.key)
      .filter((k) => isCommitteeOf(p, k) && (k === this.programmes.reportProgramme() || this.programmes.roundOf(k) !== null));
  }

  /**
   * A milestone whose title is the programme's title for the same key, in any of its languages
   * (the start-cycle form shows it in the committee member's), keeps every wording of it; a
   * title the committee wrote is kept as written.
   */
  private withProgrammeTitle(m: MilestoneInput, programmeMilestones: MilestoneInput[]): MilestoneInput {
    const programme = programmeMilestones.find((p) => p.key === m.key);
    return programme && typeof m.title === 'string' && wordingsOf(programme.title).includes(m.title) ? { ...m, title: programme.title } : m;
  }

  /**
   * Starts a cycle. With an `idempotencyKey` (the start page's form carries one; API clients may
   * send the Idempotency-Key header), the cycle's id is derived from the key, so the same request
   * sent twice (a double click, a retry after a lost answer) inserts once: the second insert
   * meets the first's _id and answers with that cycle. Works alike on MongoDB and FerretDB,
   * whose unique _id is enforced on insert.
   */
  async create(cmd: CreateCycleCommand, by: Decider, opts: { idempotencyKey?: string } = {}): Promise<CycleRecord> {
    const programme = this.programmes.known(cmd.programme ?? this.programmes.reportProgramme()).key;
    // Another programme's committee starts nothing here, and is not told more than that.
    if (!isCommitteeOf(by, programme)) throw new ForbiddenError(`you do not sit on the committee of the programme "${programme}"`);
    const round = programme === this.programmes.reportProgramme() ? null : this.programmes.roundOf(programme);
    if (programme !== this.programmes.reportProgramme() && !round)
      throw InvalidError.fromMessages([`programme: "${programme}" names no questionnaire its cycles ask (its file's cycle.questionnaire)`]);
    const actor = by.actor;
    // The key is the actor's own (two people's keys never meet), and it stands for one request:
    // the same key with another body is a conflict, not the first cycle passed off as this one.
    const id = opts.idempotencyKey ? cycleIdForKey(actor, opts.idempotencyKey) : undefined;
    const startRequest = id ? createHash('sha256').update(JSON.stringify(cmd)).digest('hex') : undefined;
    const replay = (existing: CycleRecord): CycleRecord => {
      if (existing.startRequest !== startRequest)
        throw new ConflictError('this idempotency key started a cycle with another request: use a new key for a new request');
      return { ...existing, outbox: [] };
    };
    if (id) {
      const existing = await this.cycles.findById(id);
      if (existing) return replay(existing);
    }
    const problems: string[] = [];
    // A report round snapshots its template; a questionnaire round the questionnaire version it asks.
    let template: ReportTemplate | undefined;
    let questionnaire: Questionnaire | undefined;
    if (round) {
      if (cmd.templateKey !== undefined)
        problems.push(`templateKey: a round of "${programme}" asks its questionnaire "${round.questionnaire}", not a report template`);
      questionnaire = await this.questionnaireToUse(round.questionnaire);
    } else {
      const templateKey = cmd.templateKey ?? this.config.defaultTemplate;
      template = (await this.templates.findByKey(templateKey)) ?? undefined;
      if (!template) problems.push(`templateKey: unknown template "${templateKey}"`);
    }

    // The programme's participants; a retired one takes part in no new cycle, named or not.
    const known = new Map((await this.groups.list(programme)).map((g) => [g.key, g]));
    const groupKeys = cmd.groups ?? [...known.values()].filter((g) => !g.retiredAt).map((g) => g.key);
    groupKeys.forEach((k, i) => {
      if (!known.has(k)) problems.push(`groups[${i}]: unknown working group "${k}"`);
      else if (known.get(k)!.retiredAt) problems.push(`groups[${i}]: the working group "${k}" is retired`);
    });
    if (new Set(groupKeys).size !== groupKeys.length) problems.push('groups: a working group is listed twice');
    if (groupKeys.length === 0) problems.push('groups: at least one working group takes part');
    const titles = [
      ...textProblems('name', cmd.name, 'line'),
      ...(cmd.milestones ?? []).flatMap((m, i) => (typeof m.title === 'string' ? textProblems(`milestones[${i}].title`, m.title, 'line') : [])),
    ];
    problems.push(...titles.map((p) => `${p.path}: ${p.message}`));

    const { plan, problems: planProblems } = planCycle(this.planInput(cmd, round));
    problems.push(...planProblems.map((p) => `${p.path}: ${p.message}`));
    if (problems.length || !plan || !(template || questionnaire)) throw InvalidError.fromMessages(problems);

    const now = this.clock.now();
    // The version is marked used before the round exists: a round that then fails to insert
    // leaves a version marked used without a round, which only keeps it unchanged (harmless).
    if (questionnaire) questionnaire = await this.questionnaireVersions.use(questionnaire, now);
    let cycle: CycleRecord;
    try {
      cycle = await this.cycles.create(
        {
          name: cmd.name,
          programme,
          status: 'scheduled',
          start: plan.start,
          end: plan.end,
          lengthMonths: plan.lengthMonths,
          milestones: plan.milestones,
          reminderDaysBeforeDue: plan.reminderDaysBeforeDue,
          escalation: plan.escalation,
          groupKeys,
          ...(template ? { template } : {}),
          ...(questionnaire ? { questionnaire } : {}),
          milestoneState: Object.fromEntries(plan.milestones.map((m) => [m.key, { status: 'scheduled' as const }])),
          createdAt: now,
          createdBy: actor,
          ...(startRequest ? { startRequest } : {}),
          outbox: [cycleKeys.created()],
        },
        id,
      );
    } catch (err) {
      // The same key's first request inserted meanwhile: its cycle is the answer (its follow-ups are its own).
      if (!id || !isDuplicateKey(err)) throw err;
      const first = await this.cycles.findById(id);
      if (!first) throw err;
      return replay(first);
    }
    await this.followUp(cycle, cycleKeys.created());
    return { ...cycle, outbox: [] };
  }

  /**
   * What `create` would plan for `cmd` now, step by step (the start page's preview): the same
   * plan input, so the preview shows the dates the cycle gets.
   */
  preview(cmd: CreateCycleCommand): { preview?: PlanPreview; problems: (PlanProblem & { code: PlanProblemCode })[] } {
    const programme = cmd.programme ?? this.programmes.reportProgramme();
    return previewCyclePlan(this.planInput(cmd, programme === this.programmes.reportProgramme() ? null : this.programmes.roundOf(programme)));
  }

  /**
   * The questionnaire a new round asks: the programme's file's definition, unless a round
   * already used that version with another definition (a version is never changed once used:
   * answers given to it must keep meaning what they meant), which is refused until the file gives
   * the change a new version.
   */
  private async questionnaireToUse(key: string): Promise<Questionnaire> {
    const q = this.questionnaires.get(key);
    const inUse = (await this.questionnaireVersions.listByKey(q.key)).map((v) => v.definition);
    const problems = versionProblems(inUse, q);
    if (problems.length) throw new ConflictError(`questionnaire "${q.key}": ${problems.map((p) => p.message).join('; ')}`);
    return q;
  }

  /** The programme's time zone: where a cycle's days (its start, the plan's dates typed as days) are. */
  programmeTimeZone(): string {
    return this.config.deadlines?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** The plan as the committee described it, its days on the programme's calendar (config `deadlines`). */
  private planInput(cmd: CreateCycleCommand, round: ReturnType<ProgrammeCatalog['roundOf']> = null): CyclePlanInput {
    // A questionnaire round: one survey milestone over the programme's window, unless the committee describes its own.
    const programmeMilestones = round ? surveyMilestones(round.surveyMonths) : this.config.milestones;
    return {
      now: this.clock.now(),
      start: cmd.start,
      timeZone: this.programmeTimeZone(),
      dueTime: this.config.deadlines?.dueTime,
      lengthMonths: cmd.lengthMonths ?? round?.everyMonths ?? DEFAULT_LENGTH_MONTHS,
      milestones: cmd.milestones ? cmd.milestones.map((m) => this.withProgrammeTitle(m, programmeMilestones)) : programmeMilestones,
      reminderDaysBeforeDue: cmd.reminderDaysBeforeDue ?? DEFAULT_REMINDER_DAYS,
      escalation: cmd.escalation ?? DEFAULT_ESCALATION,
    };
  }

  /**
   * The follow-ups of the cycle's creation or cancellation (named in its outbox), then the key
   * leaves the outbox. Each step is idempotent, so the sweep may finish what a crash left open.
   */
  async followUp(cycle: CycleRecord, key: string): Promise<void> {
    const what = parseCycleFollowUp(key);
    if (what?.kind === 'created') {
      await this.events.append({
        type: 'cycle.created',
        at: cycle.createdAt,
        actor: cycle.createdBy ?? 'engine',
        cycleId: cycle.id,
        dedupeKey: eventKeys.cycleCreated(cycle.id),
        data: { name: cycle.name, start: cycle.start, end: cycle.end, groups: cycle.groupKeys.length, milestones: cycle.milestones.map((m) => m.key) },
      });
      // MongoDB holds the cycle first: if Redis fails here, the reconciler schedules these later.
      if (cycle.status === 'scheduled' || cycle.status === 'running') {
        for (const m of cycle.milestones) {
          await this.timers.scheduleFanOut(cycle.id, m);
          await this.timers.scheduleCompile(cycle.id, m);
        }
      }
    } else if (what?.kind === 'cancelled') {
      // Timers first collected, then tasks cancelled: a timer that escapes removal finds its task cancelled.
      const policy = new EscalationPolicy(cycle.reminderDaysBeforeDue, cycle.escalation);
      const keys: string[] = [];
      for await (const t of this.tasks.stream({ cycleId: cycle.id, status: ['open', 'overdue'] })) {
        keys.push(...policy.timersFor(t).map((x) => x.key));
      }
      const tasksCancelled = await this.tasks.cancelAwaiting(cycle.id, cycle.cancelledAt ?? this.clock.now());
      await this.tasks.lapsePendingRequestsOfCancelled(cycle.id, cycle.cancelledAt ?? this.clock.now());
      await this.timers.removeTaskTimers(keys);
      await this.timers.removeCycleJobs(
        cycle.id,
        cycle.milestones.map((m) => m.key),
      );
      await this.events.append({
        type: 'cycle.cancelled',
        at: cycle.cancelledAt ?? this.clock.now(),
        actor: cycle.cancelledBy ?? 'engine',
        cycleId: cycle.id,
        dedupeKey: eventKeys.cycleCancelled(cycle.id),
        data: { reason: cycle.cancelReason ?? '', tasksCancelled, timersRemoved: keys.length },
      });
    } else {
      throw new Error(`${key} is not a follow-up of CycleService`);
    }
    await this.cycles.completeFollowUp(cycle.id, key);
  }

  /** The cycles of the programmes `reader` takes part in (operators: every programme's), newest first. */
  list(reader: Reader, filter: { status?: CycleRecord['status']; programme?: string }, limit: number, skip: number): Promise<CycleRecord[]> {
    if (filter.programme !== undefined) this.programmes.known(filter.programme);
    const mine = reader.roles.includes('operator') ? undefined : reader.programmes;
    const programmes = filter.programme ? (mine && !mine.includes(filter.programme) ? [] : [filter.programme]) : mine;
    return this.cycles.list({ status: filter.status, programmes }, limit, skip);
  }

  /** Any cycle (the engine's own work: workers, follow-ups). People's reads go through `getFor`. */
  async get(id: string): Promise<CycleRecord> {
    const c = await this.cycles.findById(id);
    if (!c) throw new NotFoundError(`cycle ${id} does not exist`);
    return c;
  }

  /**
   * The cycle as a person may reach it: to `read` it they take part in its programme (operators
   * in any); to `decide` on it (cancel, extend, publish) they sit on its programme's committee.
   * Otherwise it answers like a cycle that does not exist.
   */
  async getFor(p: Reader & Pick<Principal, 'committeeOf'>, id: string, need: 'read' | 'decide' = 'read'): Promise<CycleRecord> {
    const c = await this.cycles.findById(id);
    const ok = !!c && (need === 'read' ? seesProgramme(p, c.programme) : isCommitteeOf(p, c.programme));
    if (!c || !ok) throw new NotFoundError(`cycle ${id} does not exist`);
    return c;
  }

  async progress(cycle: CycleRecord): Promise<CycleProgress> {
    const rows = await this.tasks.countByMilestoneAndStatus(cycle.id);
    const total = emptyCounts();
    const byMilestone = new Map<string, Record<TaskStatus, number>>();
    for (const r of rows) {
      total[r.status] = (total[r.status] ?? 0) + r.count;
      const m = byMilestone.get(r.milestoneKey) ?? emptyCounts();
      m[r.status] = (m[r.status] ?? 0) + r.count;
      byMilestone.set(r.milestoneKey, m);
    }
    const reports = await this.reports.listByCycle(cycle.id);
    return {
      tasksByStatus: total,
      milestones: cycle.milestones.map((m) => ({
        ...m,
        status: cycle.milestoneState[m.key]?.status ?? 'scheduled',
        requestedAt: cycle.milestoneState[m.key]?.requestedAt,
        compiledAt: cycle.milestoneState[m.key]?.compiledAt,
        tasksByStatus: byMilestone.get(m.key) ?? emptyCounts(),
      })),
      reports: reports.map((r) => ({ milestoneKey: r.milestoneKey, compiledAt: r.compiledAt })),
    };
  }

  async cancel(id: string, reason: string, by: Decider & Reader): Promise<CycleRecord> {
    const actor = by.actor;
    const problems = textProblems('reason', reason, 'text');
    if (problems.length) throw new InvalidError(problems);
    const existing = await this.getFor(by, id, 'decide');
    const now = this.clock.now();
    const cancelled = await this.cycles.transition(id, ['scheduled', 'running'], 'cancelled', now, { by: actor, reason, followUp: cycleKeys.cancelled() });
    if (!cancelled) throw new ConflictError(`cycle ${id} is ${existing.status} and cannot be cancelled`);
    await this.followUp(cancelled, cycleKeys.cancelled());
    return { ...cancelled, outbox: (cancelled.outbox ?? []).filter((k) => k !== cycleKeys.cancelled()) };
  }
}

/** The cycle id an actor's idempotency key stands for: 24 hex digits (an ObjectId) of its hash. */
export function cycleIdForKey(actor: string, key: string): string {
  return createHash('sha256').update(`cycle-start\n${actor}\n${key}`).digest('hex').slice(0, 24);
}
