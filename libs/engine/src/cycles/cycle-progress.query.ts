import type { LocalizedText } from '@pact/domain';
import { Inject, Injectable } from '@nestjs/common';
import {
  Chair,
  Clock,
  CLOCK,
  CycleStatus,
  daysBetween,
  DueDateWarning,
  dueDateWarnings,
  ExtensionRequest,
  MilestoneProgress,
  MilestoneStatus,
  ProgressCell,
  progressCell,
  ProgressTally,
  shownCycleStatus,
  shownMilestoneStatus,
  TASK_STATUSES,
  TaskStatus,
  Answers,
  isQuestionnaireRound,
  RatingsMatrix,
  ratingsMatrix,
} from '@pact/domain';
import { CycleRecord, CycleRepository, SubmissionRepository, TaskRepository, WorkingGroupRepository } from '@pact/persistence';
import { NotFoundError } from '../errors';
import { NotificationService } from '../notifications/notification.service';

export interface MatrixMilestone {
  key: string;
  title: LocalizedText;
  kind: 'progress' | 'final';
  status: MilestoneStatus;
  requestAt: Date;
  dueAt: Date;
  compileAt: Date;
  progress: MilestoneProgress;
}

export interface MatrixRow {
  groupKey: string;
  fieldOfAction: LocalizedText;
  /** One cell per milestone, in the order of `milestones`; null where no request exists (not requested yet). */
  cells: (ProgressCell | null)[];
}

/** Working groups × milestones of one cycle, with each milestone's counts and on-time rate. */
export interface ProgressMatrix {
  cycle: CycleRecord;
  milestones: MatrixMilestone[];
  rows: MatrixRow[];
  /** The counts over every milestone. */
  total: MilestoneProgress;
  /** The cycle time the matrix was read at. */
  now: Date;
}

/** A report request past its due date, as the overdue list shows it. */
export interface OverdueRequest {
  taskId: string;
  groupKey: string;
  fieldOfAction: LocalizedText;
  chair: Chair | null;
  milestoneKey: string;
  milestoneTitle: LocalizedText;
  dueAt: Date;
  daysOverdue: number;
  escalationLevel: number;
  extensions: number;
  /** The latest date an extension may set: the milestone's compilation. */
  latestDueAt: Date;
  /** Webhook subscriptions an extension of this request would reach, besides the chair's e-mail. */
  webhooksOnExtension: number;
}

/** A request's latest extension and who was told of it (the overdue list's confirmation). */
export interface ExtensionOutcome {
  taskId: string;
  cycleId: string;
  groupKey: string;
  fieldOfAction: LocalizedText;
  milestoneTitle: LocalizedText;
  dueAt: Date;
  extension: { from: Date; to: Date; reason: string; at: Date; actor: string } | null;
  /** The chair's request for more time named, when one was (after a decision on it). */
  request: ExtensionRequest | null;
  /** The chair e-mailed: the group's chair now, whom the extension's notification addressed. */
  chair: Chair | null;
  /** Webhook subscriptions the message reached: "extended", or "extension-refused" after a refusal. */
  webhooks: number;
  /** What the due date now means for the milestone's compilation (dueDateWarnings). */
  warnings: DueDateWarning[];
}

/** Who hears of a decision on a group's request: its chair by e-mail, and the webhook subscriptions of each kind. */
export interface DecisionAudience {
  chair: Chair | null;
  webhooksOnGrant: number;
  webhooksOnRefusal: number;
}

/** A cycle at a glance, for the cycles list. */
export interface CycleGlance {
  /** The cycle's state as shown: running once its first requests exist (shownCycleStatus). */
  status: CycleStatus;
  tasksByStatus: Record<TaskStatus, number>;
  requested: number;
  /** Submitted ÷ requested, 0..1; null before the first request. */
  submittedShare: number | null;
  /** The next milestone date still ahead (request, due or compilation), if any. */
  next?: { kind: 'request' | 'due' | 'compile'; at: Date; milestoneTitle: LocalizedText };
}

function emptyCounts(): Record<TaskStatus, number> {
  return Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
}

/**
 * The committee's reads of a cycle's progress: the progress matrix (built in one pass over the
 * cycle's tasks, streamed from a cursor in batches, whatever the number of groups), the overdue
 * list, and the cycles list's counts (one aggregation for all the cycles listed). Read by the
 * pages; the JSON API keeps its own progress summary (CycleService.progress).
 */
@Injectable()
export class CycleProgressQuery {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly tasks: TaskRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly submissions: SubmissionRepository,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async cycle(id: string): Promise<CycleRecord> {
    const cycle = await this.cycles.findById(id);
    if (!cycle) throw new NotFoundError(`cycle ${id} does not exist`);
    return cycle;
  }

  /**
   * The matrix of a cycle. Counts cover every request of the cycle (as the API's progress does
   * for every role); `visibleGroups`, when given (a chair), limits the rows to those groups.
   */
  async matrix(cycleId: string, opts: { visibleGroups?: string[] } = {}): Promise<ProgressMatrix> {
    const cycle = await this.cycle(cycleId);
    const now = this.clock.now();
    const visible = opts.visibleGroups ? new Set(opts.visibleGroups) : null;
    const groupKeys = cycle.groupKeys.filter((k) => !visible || visible.has(k));
    const names = new Map((await this.groups.findByKeys(groupKeys)).map((g) => [g.key, g.fieldOfAction]));
    const column = new Map(cycle.milestones.map((m, i) => [m.key, i]));
    const rows = new Map<string, MatrixRow>(
      groupKeys.map((k) => [k, { groupKey: k, fieldOfAction: names.get(k) ?? k, cells: cycle.milestones.map(() => null) }]),
    );
    const tallies = cycle.milestones.map(() => new ProgressTally(now));
    const total = new ProgressTally(now);
    for await (const task of this.tasks.stream({ cycleId })) {
      const i = column.get(task.milestoneKey);
      if (i === undefined) continue;
      const cell = progressCell(task);
      tallies[i].add(cell);
      total.add(cell);
      const row = rows.get(task.groupKey);
      if (row) row.cells[i] = cell;
    }
    const milestones = cycle.milestones.map((m, i) => {
      const progress = tallies[i].result();
      return {
        key: m.key,
        title: m.title,
        kind: m.kind,
        status: shownMilestoneStatus(cycle.milestoneState[m.key]?.status ?? 'scheduled', progress.requested),
        requestAt: m.requestAt,
        dueAt: m.dueAt,
        compileAt: m.compileAt,
        progress,
      };
    });
    return {
      // The states shown agree with the requests shown, also while a fan-out is finishing.
      cycle: {
        ...cycle,
        status: shownCycleStatus(
          cycle.status,
          milestones.map((m) => m.status),
        ),
      },
      milestones,
      // By key: names read differently in each language; a page sorts by the name it shows.
      rows: [...rows.values()].sort((a, b) => a.groupKey.localeCompare(b.groupKey)),
      total: total.result(),
      now,
    };
  }

  /**
   * A questionnaire round's ratings so far: participants × commitments from each one's latest
   * answers (read by key, `<task>:<revision>`: one read per participant that answered), with
   * their names; null for a report round. `visibleGroups` limits the rows as for `matrix`.
   */
  async ratings(cycle: CycleRecord, opts: { visibleGroups?: string[] } = {}): Promise<(RatingsMatrix & { names: Map<string, LocalizedText> }) | null> {
    if (!isQuestionnaireRound(cycle)) return null;
    const visible = opts.visibleGroups ? new Set(opts.visibleGroups) : null;
    const answers = new Map<string, Answers>();
    for await (const task of this.tasks.stream({ cycleId: cycle.id })) {
      if (visible && !visible.has(task.groupKey)) continue;
      if (task.status !== 'submitted' || !task.latestRevision) continue;
      const revision = await this.submissions.findRevision(task.id, task.latestRevision);
      if (revision?.answers) answers.set(task.groupKey, revision.answers);
    }
    const keys = cycle.groupKeys.filter((k) => !visible || visible.has(k)).sort();
    const names = new Map((await this.groups.findByKeys(keys)).map((g) => [g.key, g.fieldOfAction]));
    return { ...ratingsMatrix(cycle.questionnaire, keys, (k) => answers.get(k)), names };
  }

  /** The cycle's overdue requests, longest overdue first, with what an extension would tell whom. */
  async overdue(cycleId: string): Promise<{ cycle: CycleRecord; items: OverdueRequest[] }> {
    const cycle = await this.cycle(cycleId);
    const tasks = await this.tasks.listOverdue(cycleId);
    const keys = [...new Set(tasks.map((t) => t.groupKey))];
    const [groups, webhooks] = await Promise.all([
      keys.length ? this.groups.findByKeys(keys) : Promise.resolve([]),
      keys.length ? this.notifications.webhooksReached('extended', 'chair', keys) : Promise.resolve(new Map<string, number>()),
    ]);
    const byKey = new Map(groups.map((g) => [g.key, g]));
    const now = this.clock.now();
    const items = tasks.map((t): OverdueRequest => {
      const m = cycle.milestones.find((x) => x.key === t.milestoneKey);
      const g = byKey.get(t.groupKey);
      return {
        taskId: t.id,
        groupKey: t.groupKey,
        fieldOfAction: g?.fieldOfAction ?? t.groupKey,
        chair: g?.chair ?? null,
        milestoneKey: t.milestoneKey,
        milestoneTitle: m?.title ?? t.milestoneKey,
        dueAt: t.dueAt,
        daysOverdue: Math.max(0, daysBetween(t.dueAt, now)),
        escalationLevel: t.escalationLevel,
        extensions: t.extensions.length,
        latestDueAt: m?.compileAt ?? cycle.end,
        webhooksOnExtension: webhooks.get(t.groupKey) ?? 0,
      };
    });
    return { cycle, items };
  }

  /**
   * A request of the cycle after an extension or a decision on the chair's request `requestId`:
   * its due date now, the extension, the request, and who was told. Null when it is not this cycle's.
   */
  async extensionOutcome(cycleId: string, taskId: string, requestId?: string): Promise<ExtensionOutcome | null> {
    const task = await this.tasks.findById(taskId);
    if (!task || task.cycleId !== cycleId) return null;
    const request = requestId ? (task.extensionRequests?.find((r) => r.id === requestId) ?? null) : null;
    const kind = request?.status === 'refused' ? 'extension-refused' : 'extended';
    const [cycle, groups, webhooks] = await Promise.all([
      this.cycle(cycleId),
      this.groups.findByKeys([task.groupKey]),
      this.notifications.webhooksReached(kind, 'chair', [task.groupKey]),
    ]);
    const g = groups[0];
    const milestone = cycle.milestones.find((m) => m.key === task.milestoneKey);
    return {
      taskId,
      cycleId,
      groupKey: task.groupKey,
      fieldOfAction: g?.fieldOfAction ?? task.groupKey,
      milestoneTitle: cycle.milestones.find((m) => m.key === task.milestoneKey)?.title ?? task.milestoneKey,
      dueAt: task.dueAt,
      extension: task.extensions.length ? task.extensions[task.extensions.length - 1] : null,
      request,
      chair: g?.chair ?? null,
      webhooks: webhooks.get(task.groupKey) ?? 0,
      warnings: request?.status === 'refused' ? [] : dueDateWarnings(task.dueAt, milestone?.compileAt ?? cycle.end),
    };
  }

  /** For each group, who a decision on its chair's request for more time reaches. */
  async decisionAudience(groupKeys: string[]): Promise<Map<string, DecisionAudience>> {
    const keys = [...new Set(groupKeys)];
    if (!keys.length) return new Map();
    const [groups, onGrant, onRefusal] = await Promise.all([
      this.groups.findByKeys(keys),
      this.notifications.webhooksReached('extended', 'chair', keys),
      this.notifications.webhooksReached('extension-refused', 'chair', keys),
    ]);
    const chairs = new Map(groups.map((g) => [g.key, g.chair]));
    return new Map(keys.map((k) => [k, { chair: chairs.get(k) ?? null, webhooksOnGrant: onGrant.get(k) ?? 0, webhooksOnRefusal: onRefusal.get(k) ?? 0 }]));
  }

  /** Counts by state and the next date ahead, for each of the cycles given: one aggregation for all. */
  async glance(cycles: CycleRecord[]): Promise<Map<string, CycleGlance>> {
    const rows = await this.tasks.countByCycleAndStatus(cycles.map((c) => c.id));
    const now = this.clock.now();
    const counts = new Map<string, Record<TaskStatus, number>>();
    for (const r of rows) {
      const c = counts.get(r.cycleId) ?? emptyCounts();
      c[r.status] = (c[r.status] ?? 0) + r.count;
      counts.set(r.cycleId, c);
    }
    return new Map(
      cycles.map((cycle) => {
        const tasksByStatus = counts.get(cycle.id) ?? emptyCounts();
        const requested = TASK_STATUSES.reduce((n, s) => n + tasksByStatus[s], 0);
        const ahead =
          cycle.status === 'scheduled' || cycle.status === 'running'
            ? cycle.milestones
                .flatMap((m) => [
                  { kind: 'request' as const, at: m.requestAt, milestoneTitle: m.title },
                  { kind: 'due' as const, at: m.dueAt, milestoneTitle: m.title },
                  { kind: 'compile' as const, at: m.compileAt, milestoneTitle: m.title },
                ])
                .filter((s) => s.at.getTime() > now.getTime())
                .sort((a, b) => a.at.getTime() - b.at.getTime())
            : [];
        const status = shownCycleStatus(cycle.status, requested ? ['requested'] : []);
        return [cycle.id, { status, tasksByStatus, requested, submittedShare: requested ? tasksByStatus.submitted / requested : null, next: ahead[0] }];
      }),
    );
  }
}
