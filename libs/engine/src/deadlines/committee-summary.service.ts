import { Inject, Injectable, Logger } from '@nestjs/common';
import { addDays, Clock, CLOCK, daysBetween, EscalationPolicy, eventKeys, notificationKeys, OverdueItem } from '@pact/domain';
import { CycleRecord, CycleRepository, EventRepository, TaskRepository, WorkingGroupRepository } from '@pact/persistence';

import { createHash } from 'node:crypto';
import { NotificationService } from '../notifications/notification.service';

export type SummaryOutcome = 'sent' | 'nothing-new' | 'wait';

/** How often a run waits for escalations still owed before it sends what it has. */
export const MAX_SUMMARY_WAITS = 30;

/**
 * Level-2 escalation reaches the steering committee as one message per cycle listing everything
 * overdue, not one message per task. Each committee escalation asks for the cycle's one pending
 * summary run (a single job id per cycle, so runs never overlap); the run claims every
 * unreported escalation of the cycle and sends them in one message.
 */
@Injectable()
export class CommitteeSummaryService {
  private readonly logger = new Logger(CommitteeSummaryService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly events: EventRepository,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The first escalation level addressed to the committee (the summary's threshold). */
  static committeeLevel(cycle: CycleRecord): { level: number; daysAfterDue: number } | null {
    const policy = new EscalationPolicy(cycle.reminderDaysBeforeDue, cycle.escalation);
    for (let level = 1; level <= policy.maxLevel; level++) {
      const l = policy.level(level);
      if (l?.target === 'committee') return { level, daysAfterDue: l.daysAfterDue };
    }
    return null;
  }

  async summarise(cycleId: string, runId: string, waits: number): Promise<SummaryOutcome> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) return 'nothing-new';
    const threshold = CommitteeSummaryService.committeeLevel(cycle);
    if (!threshold) return 'nothing-new';
    const now = this.clock.now();
    // Escalations of the same due date still being processed belong in this message: wait for them (boundedly).
    const owed = await this.tasks.countEscalationsOwed(cycleId, threshold.level, addDays(now, -threshold.daysAfterDue));
    if (owed > 0 && waits < MAX_SUMMARY_WAITS) return 'wait';

    const claimed = await this.tasks.claimForSummary(cycleId, runId, threshold.level);
    if (!claimed.length) return 'nothing-new';
    const fresh = new Set(claimed.map((t) => t.id));
    const overdue = await this.tasks.listOverdue(cycleId);
    const groups = new Map((await this.groups.findByKeys([...new Set(overdue.map((t) => t.groupKey))])).map((g) => [g.key, g]));
    const title = (key: string) => cycle.milestones.find((m) => m.key === key)?.title ?? key;
    const items: OverdueItem[] = overdue
      .map((t) => ({
        fieldOfAction: groups.get(t.groupKey)?.fieldOfAction ?? t.groupKey,
        groupKey: t.groupKey,
        milestone: title(t.milestoneKey),
        dueAt: t.dueAt,
        overdueDays: Math.max(0, -daysBetween(now, t.dueAt)),
        level: t.escalationLevel,
        isNew: fresh.has(t.id),
      }))
      .sort((a, b) => Number(b.isNew) - Number(a.isNew) || b.overdueDays - a.overdueDays || a.groupKey.localeCompare(b.groupKey));

    await this.events.append({
      type: 'cycle.escalation-summary',
      at: now,
      actor: 'engine',
      cycleId,
      dedupeKey: eventKeys.escalationSummary(runId),
      data: { runId, newlyEscalated: claimed.map((t) => t.groupKey).sort(), overdue: overdue.length },
    });
    await this.notifications.send(
      {
        kind: 'escalation-summary',
        audience: 'committee',
        recipients: this.notifications.committee(cycle.programme),
        cycleId,
        cycleName: cycle.name,
        details: { items, newlyEscalated: claimed.length },
      },
      // Keyed by what it reports: were a run ever repeated on the same escalations, it would name the same deliveries.
      notificationKeys.escalationSummary(
        cycleId,
        createHash('sha256')
          .update(
            claimed
              .map((t) => `${t.id}-v${t.dueVersion}`)
              .sort()
              .join(','),
          )
          .digest('hex')
          .slice(0, 24),
      ),
    );
    this.logger.log(`${cycle.name}: escalation summary to the committee (${claimed.length} new, ${overdue.length} overdue)`);
    return 'sent';
  }

  /** Cycles with a committee escalation that no summary reported (a summary job lost with Redis). */
  async cyclesOwingSummary(): Promise<string[]> {
    const owing: string[] = [];
    for (const cycleId of await this.tasks.cyclesWithUnsummarisedEscalations(1)) {
      const cycle = await this.cycles.findById(cycleId);
      const threshold = cycle && CommitteeSummaryService.committeeLevel(cycle);
      if (threshold && (await this.tasks.countUnsummarised(cycleId, threshold.level)) > 0) owing.push(cycleId);
    }
    return owing;
  }
}
