import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK, EscalationPolicy, eventKeys, notificationKeys, textIn } from '@pact/domain';
import { CycleRepository, EventRepository, InboxRepository, NewTask, TaskRecord, TaskRepository } from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { NotificationService } from '../notifications/notification.service';

const BATCH = 1000;

/**
 * At a milestone's request date: one task per working group (listed in the group's inbox), its
 * timers, and the chair's notification, each written in batches (insertMany, addBulk, one event insert per batch). Safe
 * to run again after a crash at any point: tasks have a unique key,
 * timers deterministic job ids and notifications a dedupe key; the milestone is marked
 * requested only at the end.
 */
@Injectable()
export class FanOutService {
  private readonly logger = new Logger(FanOutService.name);

  constructor(
    private readonly cycles: CycleRepository,
    private readonly tasks: TaskRepository,
    private readonly events: EventRepository,
    private readonly inboxes: InboxRepository,
    private readonly timers: TimerScheduler,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(cycleId: string, milestoneKey: string): Promise<'requested' | 'skipped'> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle || (cycle.status !== 'scheduled' && cycle.status !== 'running')) return 'skipped';
    const state = cycle.milestoneState[milestoneKey];
    const milestone = cycle.milestones.find((m) => m.key === milestoneKey);
    if (!milestone || !state || state.status !== 'scheduled') return 'skipped';

    const now = this.clock.now();
    for (let i = 0; i < cycle.groupKeys.length; i += BATCH) {
      const batch: NewTask[] = cycle.groupKeys.slice(i, i + BATCH).map((groupKey) => ({
        cycleId,
        programme: cycle.programme,
        milestoneKey,
        groupKey,
        status: 'open',
        requestedAt: milestone.requestAt,
        dueAt: milestone.dueAt,
        originalDueAt: milestone.dueAt,
      }));
      await this.tasks.insertMany(batch);
    }

    const policy = new EscalationPolicy(cycle.reminderDaysBeforeDue, cycle.escalation);
    let requested = 0;
    let batch: TaskRecord[] = [];
    const flush = async () => {
      if (!batch.length) return;
      // In the chairs' inboxes before they are told (My tasks reads the inbox by key).
      await this.inboxes.addTasks(batch);
      await this.timers.scheduleTaskTimers(
        cycleId,
        batch.flatMap((task) => policy.pendingTimersFor(task).map((timer) => ({ taskId: task.id, timer }))),
      );
      await this.events.appendMany(
        batch.map((task) => ({
          type: 'task.requested',
          at: now,
          actor: 'engine',
          cycleId,
          taskId: task.id,
          groupKey: task.groupKey,
          dedupeKey: eventKeys.taskRequested(task.id),
          data: { milestoneKey, dueAt: task.dueAt },
        })),
      );
      const chairs = await this.notifications.chairsOf(batch.map((t) => t.groupKey));
      await this.notifications.sendMany(
        batch.map((task) => ({
          notification: {
            kind: 'task-requested' as const,
            audience: 'chair' as const,
            recipients: chairs.get(task.groupKey) ?? [],
            cycleId,
            cycleName: cycle.name,
            taskId: task.id,
            groupKey: task.groupKey,
            milestoneTitle: milestone.title,
            dueAt: task.dueAt,
          },
          dedupeKey: notificationKeys.taskRequested(task.id),
        })),
      );
      requested += batch.length;
      batch = [];
    };
    for await (const task of this.tasks.stream({ cycleId, milestoneKey })) {
      batch.push(task);
      if (batch.length >= BATCH) await flush();
    }
    await flush();

    const moved = await this.cycles.transitionMilestone(cycleId, milestoneKey, ['scheduled'], 'requested', now);
    if (moved) {
      await this.events.append({
        type: 'milestone.requested',
        at: now,
        actor: 'engine',
        cycleId,
        dedupeKey: eventKeys.milestoneRequested(cycleId, milestoneKey),
        data: { milestoneKey, tasks: requested, dueAt: milestone.dueAt },
      });
      this.logger.log(
        `${cycle.name}: ${textIn(milestone.title, 'en')} requested from ${requested} working groups, due ${milestone.dueAt.toISOString().slice(0, 10)}`,
      );
    }
    return 'requested';
  }
}
