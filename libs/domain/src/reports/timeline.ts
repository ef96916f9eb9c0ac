import { LocalizedText, textIn, Translations } from '../texts/localized-text';
import { MS_PER_DAY } from '../clock/clock';
import { Language, LANGUAGES } from '../texts/languages';
import { fillPlaceholders } from '../texts/placeholders';

/** What the report's timeline counts, and the events each comes from. */
export const TIMELINE_KINDS = ['requests', 'reminders', 'escalations', 'extensions', 'submissions'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_EVENT_TYPES: Record<string, TimelineKind> = {
  'task.requested': 'requests',
  'task.reminded': 'reminders',
  'task.escalated': 'escalations',
  'task.extended': 'extensions',
  'submission.received': 'submissions',
};

export type TimelineCounts = Record<TimelineKind, number>;

export interface TimelineBucket {
  /** First instant of the week (Monday, UTC) or month. */
  start: Date;
  /** First instant of the next bucket. */
  end: Date;
  counts: TimelineCounts;
  /** Of `counts.submissions`, those after the task's due date. */
  lateSubmissions: number;
  /** Of `counts.escalations`, those to the steering committee. */
  committeeEscalations: number;
}

export type TimelineMarkKind = 'start' | 'request' | 'due' | 'compiled';

/** A key moment drawn across the timeline. */
export interface TimelineMark {
  at: Date;
  kind: TimelineMarkKind;
  /** What happened, in each language the pages speak (a milestone's title in it). */
  label: LocalizedText;
}

/**
 * The cycle's activity as the report shows it: counts per kind per week or month, never one
 * entry per event, so its size depends on the cycle's length, not on how many tasks it has.
 */
export interface ReportTimeline {
  from: Date;
  to: Date;
  granularity: 'week' | 'month';
  totals: TimelineCounts;
  lateSubmissions: number;
  committeeEscalations: number;
  buckets: TimelineBucket[];
  marks: TimelineMark[];
}

/** What the timeline needs to know of a cycle to mark its key moments. */
export interface TimelineCycle {
  start: Date;
  milestones: { key: string; title: LocalizedText; requestAt: Date; dueAt: Date; compiledAt?: Date }[];
}

/**
 * The words of the timeline's key moments in every language (a mark's label is one text per
 * language, read in the reader's when shown); `{milestone}` is the milestone's title. From
 * locales/<language>/reports.yaml (`marks.*`, `timelineMarkWordsIn`).
 */
export type TimelineMarkWords = Record<Language, Record<'start' | 'requested' | 'due' | 'compiled' | 'recompiled', string>>;

/** Cycles up to this long are drawn per week, longer ones per month. */
export const WEEKLY_UP_TO_DAYS = 183;

export function emptyTimelineCounts(): TimelineCounts {
  return { requests: 0, reminders: 0, escalations: 0, extensions: 0, submissions: 0 };
}

function startOfWeek(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * MS_PER_DAY);
}

function startOfMonth(d: Date, plus = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1));
}

/**
 * The key moments of a cycle up to `to`: its start, each milestone's request and due date, and
 * each compilation (the report being compiled is given as `compiled`).
 */
export function timelineMarks(
  cycle: TimelineCycle,
  to: Date,
  compiled: { milestoneKey: string; at: Date; recompiled?: boolean } | undefined,
  words: TimelineMarkWords,
): TimelineMark[] {
  const marks: TimelineMark[] = [{ at: cycle.start, kind: 'start', label: Object.fromEntries(LANGUAGES.map((l) => [l, words[l].start])) as Translations }];
  // A mark's label is one text per language, read in the reader's when the report is shown.
  const about = (what: Exclude<keyof TimelineMarkWords[Language], 'start'>, title: LocalizedText): Translations =>
    Object.fromEntries(LANGUAGES.map((l) => [l, fillPlaceholders(words[l][what], (name) => (name === 'milestone' ? textIn(title, l) : undefined))]));
  for (const m of cycle.milestones) {
    marks.push({ at: m.requestAt, kind: 'request', label: about('requested', m.title) });
    marks.push({ at: m.dueAt, kind: 'due', label: about('due', m.title) });
    const current = compiled?.milestoneKey === m.key;
    const compiledAt = current && !compiled.recompiled ? compiled.at : m.compiledAt;
    if (compiledAt) marks.push({ at: compiledAt, kind: 'compiled', label: about('compiled', m.title) });
    if (current && compiled.recompiled) marks.push({ at: compiled.at, kind: 'compiled', label: about('recompiled', m.title) });
  }
  const order: TimelineMarkKind[] = ['start', 'request', 'due', 'compiled'];
  return marks
    .filter((m) => m.at.getTime() >= cycle.start.getTime() && m.at.getTime() <= to.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || order.indexOf(a.kind) - order.indexOf(b.kind));
}

/**
 * Aggregates a cycle's events into the report's timeline one event at a time, so the caller
 * can stream them from a cursor: memory holds one counter set per week or month.
 */
export class TimelineBuilder {
  readonly granularity: 'week' | 'month';
  private readonly buckets: TimelineBucket[] = [];
  private readonly first: Date;
  private readonly to: Date;

  constructor(
    private readonly from: Date,
    to: Date,
    private readonly marks: TimelineMark[] = [],
  ) {
    this.to = to.getTime() > from.getTime() ? to : new Date(from.getTime() + MS_PER_DAY);
    this.granularity = (this.to.getTime() - from.getTime()) / MS_PER_DAY <= WEEKLY_UP_TO_DAYS ? 'week' : 'month';
    this.first = this.granularity === 'week' ? startOfWeek(from) : startOfMonth(from);
    for (let start = this.first; start.getTime() <= this.to.getTime();) {
      const end = this.granularity === 'week' ? new Date(start.getTime() + 7 * MS_PER_DAY) : startOfMonth(start, 1);
      this.buckets.push({ start, end, counts: emptyTimelineCounts(), lateSubmissions: 0, committeeEscalations: 0 });
      start = end;
    }
  }

  private index(at: Date): number {
    const i =
      this.granularity === 'week'
        ? Math.floor((at.getTime() - this.first.getTime()) / (7 * MS_PER_DAY))
        : (at.getUTCFullYear() - this.first.getUTCFullYear()) * 12 + at.getUTCMonth() - this.first.getUTCMonth();
    return Math.max(0, Math.min(this.buckets.length - 1, i));
  }

  /** Counts one event; types the timeline does not show are ignored. */
  add(e: { type: string; at: Date | string; data?: Record<string, unknown> }): void {
    const kind = TIMELINE_EVENT_TYPES[e.type];
    if (!kind) return;
    const b = this.buckets[this.index(new Date(e.at))];
    b.counts[kind]++;
    if (kind === 'submissions' && e.data?.late === true) b.lateSubmissions++;
    if (kind === 'escalations' && e.data?.target === 'committee') b.committeeEscalations++;
  }

  result(): ReportTimeline {
    const totals = emptyTimelineCounts();
    let lateSubmissions = 0;
    let committeeEscalations = 0;
    for (const b of this.buckets) {
      for (const k of TIMELINE_KINDS) totals[k] += b.counts[k];
      lateSubmissions += b.lateSubmissions;
      committeeEscalations += b.committeeEscalations;
    }
    return {
      from: this.from,
      to: this.to,
      granularity: this.granularity,
      totals,
      lateSubmissions,
      committeeEscalations,
      buckets: this.buckets.map((b) => ({ ...b, counts: { ...b.counts } })),
      marks: [...this.marks],
    };
  }
}
