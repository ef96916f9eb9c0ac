import { Inject, Injectable } from '@nestjs/common';
import { buildCalendar, CalendarEvent, Catalogs, Clock, CLOCK, dayIn, DEFAULT_TIME_ZONE, isEndOfDay, textIn } from '@pact/domain';
import { CycleRecord, CycleRepository, TaskRepository, UserRecord, UserRepository, WorkingGroupRepository } from '@pact/persistence';

import { createHash, randomBytes } from 'node:crypto';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { NotFoundError } from '../errors';
import { EngineSettings } from '../config/settings';
import { CALENDAR_CATALOGS, calendarTexts } from './calendar-texts';

const FEED_TOKEN_PREFIX = 'cal_';

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A chair's private deadline feed: their groups' open and overdue tasks as iCalendar events,
 * alarms at the cycle's reminder offsets. The token in the URL is the only credential (calendar
 * clients cannot send bearer tokens); it reads this feed and nothing else, and issuing a new
 * one revokes the old.
 */
@Injectable()
export class CalendarFeedService {
  private readonly publicUrl: string;
  private readonly refreshMinutes: number;

  constructor(
    private readonly users: UserRepository,
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly groups: WorkingGroupRepository,
    @Inject(PACT_CONFIG) private readonly config: PactConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR_CATALOGS) private readonly catalogs: Catalogs,
    settings: EngineSettings,
  ) {
    this.publicUrl = settings.publicUrl;
    this.refreshMinutes = settings.calendarRefreshMinutes;
  }

  /** A new feed URL for the user (shown once; only the token's hash is kept). */
  async issue(userId: string): Promise<{ url: string; createdAt: Date }> {
    const token = FEED_TOKEN_PREFIX + randomBytes(24).toString('base64url');
    const createdAt = this.clock.now();
    if (!(await this.users.setCalendarToken(userId, hashFeedToken(token), createdAt))) throw new NotFoundError('user not found');
    return { url: `${this.publicUrl}/calendar/${token}.ics`, createdAt };
  }

  async feedFor(token: string): Promise<string> {
    const user = token.startsWith(FEED_TOKEN_PREFIX) ? await this.users.findByCalendarTokenHash(hashFeedToken(token)) : null;
    // One answer for a wrong, revoked or disabled token: the URL is the secret, nothing to learn from it.
    if (!user) throw new NotFoundError('no such calendar');
    return this.render(user);
  }

  private async render(user: UserRecord): Promise<string> {
    const groupKeys = user.roles.includes('chair') ? user.groupKeys : [];
    const tasks = groupKeys.length ? await this.tasks.list({ groupKeys, status: ['open', 'overdue'] }, 5000, 0) : [];
    const cycles = new Map<string, CycleRecord | null>();
    for (const id of new Set(tasks.map((t) => t.cycleId))) cycles.set(id, await this.cycles.findById(id));
    const groups = new Map((groupKeys.length ? await this.groups.findByKeys(groupKeys) : []).map((g) => [g.key, g]));
    const events: CalendarEvent[] = [];
    // The feed reads in its owner's language: the words around it and the texts from configuration.
    const language = user.language ?? this.config.languages.fallback;
    const words = calendarTexts(this.catalogs, language);
    const text = (v: Parameters<typeof textIn>[0]) => textIn(v, language, this.config.languages.fallback);
    const network = text(this.config.network);
    const zone = user.timeZone ?? DEFAULT_TIME_ZONE;
    for (const t of tasks) {
      const cycle = cycles.get(t.cycleId);
      if (!cycle || cycle.status === 'cancelled') continue;
      const milestone = text(cycle.milestones.find((m) => m.key === t.milestoneKey)?.title ?? t.milestoneKey);
      const field = text(groups.get(t.groupKey)?.fieldOfAction ?? t.groupKey);
      const link = `${this.publicUrl}/tasks/${t.id}`;
      events.push({
        uid: `task-${t.id}@pact-monitoring`,
        // The due version grows with every extension: clients replace the event instead of adding one.
        sequence: t.dueVersion,
        start: t.dueAt,
        // Due at the end of a day on the chair's clock (typed as a day): an all-day event on that day.
        ...(isEndOfDay(t.dueAt, zone) ? { day: dayIn(t.dueAt, zone) } : {}),
        summary: `${t.status === 'overdue' ? words.overdue : ''}${milestone} — ${field}`,
        description: [
          words.report(cycle.name, milestone, field),
          t.extensions.length ? words.extendedFrom(t.originalDueAt.toISOString().slice(0, 10)) : '',
          words.submit(link),
        ]
          .filter(Boolean)
          .join('\n'),
        url: link,
        alarmDaysBefore: t.status === 'overdue' ? [] : cycle.reminderDaysBeforeDue,
        lastModified: t.updatedAt ?? t.requestedAt,
        categories: [network, field],
      });
    }
    return buildCalendar({
      name: `${network}: ${user.name}`,
      description: words.feedOf(groupKeys.join(', ') || words.noGroup),
      generatedAt: this.clock.now(),
      refreshMinutes: this.refreshMinutes,
      events,
    });
  }
}
