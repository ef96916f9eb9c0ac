import { seesAllGroups } from '@pact/domain';
import type { Principal } from '../identity/identity.service';
import type { LocalizedText } from '@pact/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AWAITING_STATUSES,
  canExtend,
  Clock,
  CLOCK,
  DayOrMoment,
  decideRequest,
  EXTENSION_REQUEST_ID,
  ExtensionRequest,
  followUpDedupe,
  isCalendarDay,
  newDueDateProblems,
  parseTaskFollowUp,
  pendingRequest,
  reasonProblems,
  taskKeys,
} from '@pact/domain';
import { CycleRecord, CycleRepository, EventRepository, TaskRecord, TaskRepository, WorkingGroupRepository } from '@pact/persistence';
import { randomBytes } from 'node:crypto';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { notificationAbout } from '../notifications/notification';
import { NotificationService } from '../notifications/notification.service';
import { loadTaskAndCycle } from '../tasks/task-and-cycle';
import { DeadlineService } from './deadline.service';

/** A request waiting for the committee, with the names a list of them needs. */
export interface PendingExtensionRequest extends ExtensionRequest {
  taskId: string;
  taskStatus: TaskRecord['status'];
  /** The task's due date now (the request proposes `proposedDueAt` instead). */
  dueAt: Date;
  cycleId: string;
  cycleName: string;
  milestoneKey: string;
  milestoneTitle: LocalizedText;
  /** When the milestone is compiled: the latest due date a grant may set (see dueDateWarnings). */
  compileAt?: Date;
  groupKey: string;
  fieldOfAction: LocalizedText;
}

/** The committee's answer to a request. Granting may give another date than the one proposed. */
export interface ExtensionDecision {
  grant: boolean;
  /** Granting: the new due date (default: the proposed one), a day (due at its end on the chair's clock) or a timestamp. Ignored when refusing. */
  dueAt?: DayOrMoment;
  reason: string;
}

/** How many pending requests one list shows at most (a cycle has one task per working group). */
const PENDING_LIMIT = 1000;

/**
 * A chair asks for more time, the committee decides. The request lives on the task
 * (`extensionRequests`); each change is one guarded update of the task that also puts the
 * change's follow-up key in the task's outbox (as DeadlineService does for timers): asking is
 * guarded by "no request pending", deciding by "this request is the pending one", so a double
 * click or two committee members deciding at once change the task once. Granting is an
 * extension (DeadlineService.extend): every timer moves, `task.extended` and the chair's
 * `extended` e-mail follow as for any extension, plus `extension.granted`. Refusing leaves
 * the date and tells the chair (`extension-refused`).
 */
@Injectable()
export class ExtensionRequestService {
  private readonly logger = new Logger(ExtensionRequestService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly events: EventRepository,
    private readonly deadlines: DeadlineService,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The chair proposes `proposedDueAt` and says why. Refused as invalid (naming the field) when
   * the committee could not grant that date; as a conflict when the task no longer waits for its
   * report, its cycle has ended, or another request is pending.
   */
  async request(taskId: string, proposed: DayOrMoment, reason: string, actor: string): Promise<ExtensionRequest> {
    const { task, cycle } = await loadTaskAndCycle({ tasks: this.tasks, cycles: this.cycles }, taskId);
    this.assertOpen(task, cycle);
    // A day proposed is the end of that day on the chair's clock, as the committee would grant it.
    const proposedDueAt = isCalendarDay(proposed) ? await this.deadlines.dueAtFor(task, proposed) : proposed;
    if (task.pendingExtensionRequestId) throw new ConflictError('an extension request is already waiting for the committee; one request at a time');
    const now = this.clock.now();
    const milestone = cycle.milestones.find((m) => m.key === task.milestoneKey);
    if (!milestone) throw new NotFoundError(`task ${taskId} names no milestone of its cycle`);
    const problems = [
      ...newDueDateProblems('proposedDueAt', proposedDueAt, { dueAt: task.dueAt, now, compileAt: milestone.compileAt }),
      ...reasonProblems('reason', reason),
    ];
    if (problems.length) throw new InvalidError(problems);

    const request: ExtensionRequest = {
      id: randomBytes(12).toString('hex'),
      proposedDueAt,
      reason: reason.trim(),
      requestedBy: actor,
      requestedAt: now,
      status: 'pending',
    };
    const key = taskKeys.extensionRequested(task.id, request.id);
    const updated = await this.tasks.addExtensionRequest(task.id, request, key);
    if (!updated) throw new ConflictError('the task changed meanwhile (submitted, cancelled, or another request was made); reload and retry');
    await this.followUp(updated, key);
    this.logger.log(`task ${task.id} (${task.groupKey}): extension to ${proposedDueAt.toISOString().slice(0, 10)} requested`);
    return request;
  }

  /**
   * The committee grants or refuses the pending request `requestId`. Granting goes through
   * DeadlineService.extend (the same rules and effects as any extension; the request is decided
   * in the same update); refusing leaves the date. Deciding a request twice is a conflict.
   */
  async decide(taskId: string, requestId: string, decision: ExtensionDecision, actor: string): Promise<{ request: ExtensionRequest; task: TaskRecord }> {
    const { task } = await loadTaskAndCycle({ tasks: this.tasks, cycles: this.cycles }, taskId);
    const request = EXTENSION_REQUEST_ID.test(requestId) ? task.extensionRequests?.find((r) => r.id === requestId) : undefined;
    if (!request) throw new NotFoundError(`task ${taskId} has no extension request ${requestId}`);
    if (request.status !== 'pending') throw new ConflictError(`the extension request was ${request.status} already`);
    if (!AWAITING_STATUSES.includes(task.status)) throw new ConflictError(`the task is ${task.status}: there is no due date left to move`);
    const problems = reasonProblems('reason', decision.reason);
    if (problems.length) throw new InvalidError(problems);
    const reason = decision.reason.trim();

    if (decision.grant) {
      const dueAt = decision.dueAt ?? request.proposedDueAt;
      const extended = await this.deadlines.extend(taskId, dueAt, reason, actor, { requestId });
      return { request: this.requestOf(extended, requestId), task: extended };
    }
    const now = this.clock.now();
    const key = taskKeys.extensionRefused(task.id, requestId);
    const requests = decideRequest(task.extensionRequests ?? [], requestId, { status: 'refused', by: actor, at: now, reason });
    const refused = await this.tasks.refuseExtensionRequest(task.id, requestId, requests, now, key);
    if (!refused) throw new ConflictError('the extension request was decided meanwhile; reload to see the decision');
    await this.followUp(refused, key);
    this.logger.log(`task ${task.id} (${task.groupKey}): extension request refused`);
    return { request: this.requestOf(refused, requestId), task: { ...refused, outbox: (refused.outbox ?? []).filter((k) => k !== key) } };
  }

  /** Requests waiting for the committee, oldest first, each with its task's, group's and cycle's names. */
  async pending(filter: { cycleId?: string } = {}, reader?: Pick<Principal, 'roles' | 'committeeOf'>): Promise<PendingExtensionRequest[]> {
    // A committee sees its own programme's requests; operators every programme's.
    const tasks = (await this.tasks.listWithPendingExtensionRequest(filter, PENDING_LIMIT)).filter((t) => !reader || seesAllGroups(reader, t.programme));
    if (!tasks.length) return [];
    const [cycles, groups] = await Promise.all([
      this.cycles.findByIds([...new Set(tasks.map((t) => t.cycleId))]),
      this.groups.findByKeys([...new Set(tasks.map((t) => t.groupKey))]),
    ]);
    const cycleById = new Map(cycles.map((c) => [c.id, c]));
    const groupByKey = new Map(groups.map((g) => [g.key, g]));
    const out: PendingExtensionRequest[] = [];
    for (const t of tasks) {
      const request = t.extensionRequests?.find((r) => r.id === t.pendingExtensionRequestId);
      if (!request) continue;
      const cycle = cycleById.get(t.cycleId);
      out.push({
        ...request,
        taskId: t.id,
        taskStatus: t.status,
        dueAt: t.dueAt,
        cycleId: t.cycleId,
        cycleName: cycle?.name ?? t.cycleId,
        milestoneKey: t.milestoneKey,
        milestoneTitle: cycle?.milestones.find((m) => m.key === t.milestoneKey)?.title ?? t.milestoneKey,
        compileAt: cycle?.milestones.find((m) => m.key === t.milestoneKey)?.compileAt,
        groupKey: t.groupKey,
        fieldOfAction: groupByKey.get(t.groupKey)?.fieldOfAction ?? t.groupKey,
      });
    }
    return out.sort((a, b) => new Date(a.requestedAt).getTime() - new Date(b.requestedAt).getTime());
  }

  /**
   * The follow-ups of a request or a refusal named in the task's outbox: the event, and the
   * message (to the committee, or to the chair). Safe to repeat: both are deduplicated by the key.
   * (A grant's follow-ups are the extension's, in DeadlineService.)
   */
  async followUp(task: TaskRecord, key: string): Promise<void> {
    const what = parseTaskFollowUp(key);
    if (!what || (what.kind !== 'extension-requested' && what.kind !== 'extension-refused' && what.kind !== 'extension-granted')) {
      throw new Error(`${key} is not an extension request follow-up`);
    }
    const request = task.extensionRequests?.find((r) => r.id === what.requestId);
    if (request && what.kind !== 'extension-granted') {
      const cycle = await this.cycles.findById(task.cycleId);
      const base = { cycleId: task.cycleId, taskId: task.id, groupKey: task.groupKey, dedupeKey: followUpDedupe.event(key) };
      if (what.kind === 'extension-requested') {
        await this.events.append({
          ...base,
          type: 'extension.requested',
          at: request.requestedAt,
          actor: request.requestedBy,
          data: { requestId: request.id, proposedDueAt: request.proposedDueAt, dueAt: task.dueAt, reason: request.reason },
        });
        await this.notifications.send(
          notificationAbout(task, cycle, {
            kind: 'extension-requested',
            audience: 'committee',
            recipients: this.notifications.committee(task.programme),
            details: {
              requestId: request.id,
              proposedDueAt: request.proposedDueAt,
              reason: request.reason,
              requestedBy: request.requestedBy.replace(/^[a-z]+:/, ''),
            },
          }),
          followUpDedupe.notification(key),
        );
      } else {
        await this.events.append({
          ...base,
          type: 'extension.refused',
          at: request.decidedAt ?? this.clock.now(),
          actor: request.decidedBy ?? 'engine',
          data: { requestId: request.id, proposedDueAt: request.proposedDueAt, dueAt: task.dueAt, reason: request.decisionReason },
        });
        await this.notifications.send(
          notificationAbout(task, cycle, {
            kind: 'extension-refused',
            audience: 'chair',
            recipients: await this.notifications.chairOf(task.groupKey),
            details: { requestId: request.id, proposedDueAt: request.proposedDueAt, reason: request.decisionReason },
          }),
          followUpDedupe.notification(key),
        );
      }
    }
    await this.tasks.completeFollowUp(task.id, key);
  }

  private assertOpen(task: TaskRecord, cycle: CycleRecord): void {
    if (cycle.status !== 'scheduled' && cycle.status !== 'running') throw new ConflictError(`the cycle is ${cycle.status}; its deadlines no longer move`);
    if (!canExtend(task.status)) throw new ConflictError(`the task is ${task.status}; only a report still awaited can get more time`);
  }

  private requestOf(task: TaskRecord, requestId: string): ExtensionRequest {
    const request = task.extensionRequests?.find((r) => r.id === requestId) ?? pendingRequest(task.extensionRequests);
    if (!request) throw new Error(`extension request ${requestId} vanished from task ${task.id}`);
    return request;
  }
}
