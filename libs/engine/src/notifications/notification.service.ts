import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@pact/domain';
import { EventRepository, WorkingGroupRepository } from '@pact/persistence';
import { CLOCK } from '@pact/queues';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { CHAIR_NOTIFIER, ChairNotifier, Notification, Recipient } from './notification';

/**
 * Sends a notification at most once per dedupe key and records it in the event log.
 * A failing channel is logged and recorded, never thrown: the state change that caused
 * the notification has already happened and must not be undone or retried because of it.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);

  constructor(
    @Inject(CHAIR_NOTIFIER) private readonly notifier: ChairNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PACT_CONFIG) private readonly config: PactConfig,
    private readonly events: EventRepository,
    private readonly groups: WorkingGroupRepository,
  ) {}

  async chairOf(groupKey: string): Promise<Recipient[]> {
    return (await this.chairsOf([groupKey])).get(groupKey) ?? [];
  }

  async chairsOf(groupKeys: string[]): Promise<Map<string, Recipient[]>> {
    const groups = await this.groups.findByKeys(groupKeys);
    return new Map(groups.map((g) => [g.key, [{ name: g.chair.name, email: g.chair.email, language: g.chair.language }]]));
  }

  committee(): Recipient[] {
    return this.config.committee.emails.map((email) => ({ name: this.config.committee.name, email, language: 'en' }));
  }

  /** Many notifications with one event insert: for fan-out to thousands of groups. */
  async sendMany(items: { notification: Notification; dedupeKey: string }[]): Promise<void> {
    const now = this.clock.now();
    const fresh = await this.events.appendMany(items.map(({ notification: n, dedupeKey }) => this.sentEvent(n, dedupeKey, now)));
    for (const { notification, dedupeKey } of items) {
      if (fresh.has(`notify-${dedupeKey}`)) await this.deliver(notification, dedupeKey);
    }
  }

  private sentEvent(n: Notification, dedupeKey: string, at: Date) {
    return {
      type: 'notification.sent',
      at,
      actor: 'engine',
      cycleId: n.cycleId,
      taskId: n.taskId,
      groupKey: n.groupKey,
      dedupeKey: `notify-${dedupeKey}`,
      data: { kind: n.kind, channel: this.notifier.channel, to: n.recipients.map((r) => r.email), ...(n.details ?? {}) },
    };
  }

  async send(n: Notification, dedupeKey: string): Promise<void> {
    const fresh = await this.events.append(this.sentEvent(n, dedupeKey, this.clock.now()));
    if (fresh) await this.deliver(n, dedupeKey);
  }

  private async deliver(n: Notification, dedupeKey: string): Promise<void> {
    try {
      await this.notifier.deliver(n);
    } catch (err) {
      this.logger.error(`delivery of ${n.kind} for ${dedupeKey} failed: ${(err as Error).message}`);
      await this.events.append({
        type: 'notification.failed',
        at: this.clock.now(),
        actor: 'engine',
        cycleId: n.cycleId,
        taskId: n.taskId,
        groupKey: n.groupKey,
        data: { kind: n.kind, channel: this.notifier.channel, error: (err as Error).message },
      });
    }
  }
}
