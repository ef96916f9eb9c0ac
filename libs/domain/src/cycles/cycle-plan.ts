import type { LocalizedText } from '../texts/localized-text';
import { addDays, addMonths } from '../clock/calendar';
import { addCalendarDays, addCalendarMonths, CalendarDay, dayIn, DayOrMoment, dueOnDay, isCalendarDay, startOfDay, TimeOfDay } from '../clock/calendar-day';
import { DEFAULT_TIME_ZONE } from '../working-groups/working-group';
import { KEY_PATTERN } from '../working-groups/working-group';

/**
 * A milestone as the committee describes it. Each date can be given absolutely (a calendar day
 * or a timestamp, see calendar-day.ts) or relative to the cycle's start (months) or to the
 * request date (days), which is how the defaults are phrased: "mid-term report at month 12, due
 * 6 weeks later".
 */
export interface MilestoneInput {
  key: string;
  title: LocalizedText;
  kind: 'progress' | 'final';
  requestAt?: DayOrMoment;
  requestMonth?: number;
  dueAt?: DayOrMoment;
  dueMonth?: number;
  dueDaysAfterRequest?: number;
  compileAt?: DayOrMoment;
  compileMonth?: number;
}

export interface Milestone {
  key: string;
  title: LocalizedText;
  kind: 'progress' | 'final';
  requestAt: Date;
  dueAt: Date;
  compileAt: Date;
}

export interface EscalationLevel {
  level: number;
  /** Days after the due date at which this level is reached. */
  daysAfterDue: number;
  target: 'chair' | 'committee';
}

export interface EscalationPolicyInput {
  levels: EscalationLevel[];
}

export interface CyclePlanInput {
  /** Cycle-time now: a milestone compiled in the past cannot be planned. */
  now?: Date;
  /**
   * A calendar day puts the whole plan on the programme's calendar (`timeZone`): the start, each
   * request and compilation at 00:00 of its day, each due date at the end of its day
   * (`dueTime`, default 23:59:59), months and days counted on that calendar. A timestamp is kept,
   * and relative dates are counted from it in whole UTC months and 24-hour days.
   */
  start: DayOrMoment;
  /** The programme's time zone, in which days are resolved (default Europe/Brussels). */
  timeZone?: string;
  /** When a due date typed as a day falls due (default: 23:59:59). */
  dueTime?: TimeOfDay;
  lengthMonths: number;
  milestones: MilestoneInput[];
  reminderDaysBeforeDue: number[];
  escalation: EscalationPolicyInput;
}

export interface CyclePlan {
  start: Date;
  end: Date;
  lengthMonths: number;
  milestones: Milestone[];
  reminderDaysBeforeDue: number[];
  escalation: EscalationPolicyInput;
}

export interface PlanProblem {
  path: string;
  message: string;
}

export const DEFAULT_LENGTH_MONTHS = 24;
export const DEFAULT_REMINDER_DAYS = [14, 3];
export const DEFAULT_ESCALATION: EscalationPolicyInput = {
  levels: [
    { level: 1, daysAfterDue: 0, target: 'chair' },
    { level: 2, daysAfterDue: 7, target: 'committee' },
  ],
};

/** The Pact's rhythm: a mid-term progress report and the final implementation report. */
export function defaultMilestones(): MilestoneInput[] {
  return [
    { key: 'mid-term', title: 'Mid-term progress report', kind: 'progress', requestMonth: 12, dueDaysAfterRequest: 42, compileMonth: 14 },
    { key: 'final', title: 'Implementation report', kind: 'final', requestMonth: 22, dueMonth: 23, compileMonth: 24 },
  ];
}

/** How the plan's dates are counted: on the programme's calendar (a start typed as a day) or from a timestamp. */
interface Calendar {
  start: Date;
  /** A start (request, compilation) `months` after the cycle's start. */
  monthsAfterStart(months: number): Date;
  /** A due date `months` after the cycle's start. */
  dueMonthsAfterStart(months: number): Date;
  /** A due date `days` after a request. */
  dueDaysAfter(requestAt: Date, days: number): Date;
  /** A start or due date given absolutely. */
  startOf(value: DayOrMoment): Date;
  dueOf(value: DayOrMoment): Date;
}

function calendarOf(input: CyclePlanInput): Calendar {
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const startOf = (v: DayOrMoment) => (isCalendarDay(v) ? startOfDay(v, zone) : v);
  const dueOf = (v: DayOrMoment) => (isCalendarDay(v) ? dueOnDay(v, zone, input.dueTime) : v);
  if (isCalendarDay(input.start)) {
    const day: CalendarDay = input.start;
    return {
      start: startOfDay(day, zone),
      monthsAfterStart: (n) => startOfDay(addCalendarMonths(day, n), zone),
      dueMonthsAfterStart: (n) => dueOnDay(addCalendarMonths(day, n), zone, input.dueTime),
      // "Due 14 days after a request on the 1st" is due on the 15th, at the end of that day.
      dueDaysAfter: (requestAt, n) => dueOnDay(addCalendarDays(dayIn(requestAt, zone), n), zone, input.dueTime),
      startOf,
      dueOf,
    };
  }
  const start = input.start;
  return {
    start,
    monthsAfterStart: (n) => addMonths(start, n),
    dueMonthsAfterStart: (n) => addMonths(start, n),
    dueDaysAfter: (requestAt, n) => addDays(requestAt, n),
    startOf,
    dueOf,
  };
}

function pick(
  problems: PlanProblem[],
  path: string,
  absolute: DayOrMoment | undefined,
  months: number | undefined,
  cal: Calendar,
  label: string,
): Date | undefined {
  if (absolute && months !== undefined) {
    problems.push({ path, message: `give either ${label}At or a relative months value, not both` });
    return undefined;
  }
  if (absolute) return cal.startOf(absolute);
  if (months !== undefined) return cal.monthsAfterStart(months);
  return undefined;
}

/**
 * Resolves the committee's description into absolute dates and checks that it makes sense.
 * Returns every problem found, each with the path of the offending field, so the API can
 * answer one 400 that names them all.
 */
export function planCycle(input: CyclePlanInput): { plan?: CyclePlan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const cal = calendarOf(input);
  const start = cal.start;
  const end = cal.monthsAfterStart(input.lengthMonths);
  const milestones: Milestone[] = [];
  const keys = new Set<string>();

  if (input.milestones.length === 0) problems.push({ path: 'milestones', message: 'at least one milestone is needed' });

  input.milestones.forEach((m, i) => {
    const p = `milestones[${i}]`;
    if (!KEY_PATTERN.test(m.key)) problems.push({ path: `${p}.key`, message: 'lowercase letters, digits and dashes, starting with a letter' });
    if (keys.has(m.key)) problems.push({ path: `${p}.key`, message: `duplicate milestone key "${m.key}"` });
    keys.add(m.key);

    const before = problems.length;
    const requestAt = pick(problems, `${p}.requestAt`, m.requestAt, m.requestMonth, cal, 'request');
    if (!requestAt) {
      if (problems.length === before) problems.push({ path: `${p}.requestAt`, message: 'requestAt or requestMonth is required' });
      return;
    }
    let dueAt: Date | undefined;
    const dueRelatives = [m.dueMonth, m.dueDaysAfterRequest].filter((v) => v !== undefined).length;
    if (dueRelatives > 1 || (dueRelatives === 1 && m.dueAt)) {
      problems.push({ path: `${p}.dueAt`, message: 'give only one of dueAt, dueMonth, dueDaysAfterRequest' });
      return;
    }
    if (m.dueAt) dueAt = cal.dueOf(m.dueAt);
    else if (m.dueMonth !== undefined) dueAt = cal.dueMonthsAfterStart(m.dueMonth);
    else if (m.dueDaysAfterRequest !== undefined) dueAt = cal.dueDaysAfter(requestAt, m.dueDaysAfterRequest);
    if (!dueAt) {
      problems.push({ path: `${p}.dueAt`, message: 'dueAt, dueMonth or dueDaysAfterRequest is required' });
      return;
    }
    const compileAt = pick(problems, `${p}.compileAt`, m.compileAt, m.compileMonth, cal, 'compile') ?? end;

    if (requestAt < start) problems.push({ path: `${p}.requestAt`, message: 'is before the cycle starts' });
    if (requestAt > end) problems.push({ path: `${p}.requestAt`, message: `is after the cycle ends (${end.toISOString()})` });
    if (dueAt <= requestAt) problems.push({ path: `${p}.dueAt`, message: `must be after the request date (${requestAt.toISOString()})` });
    if (dueAt > end) problems.push({ path: `${p}.dueAt`, message: `is after the cycle ends (${end.toISOString()})` });
    if (compileAt < dueAt) problems.push({ path: `${p}.compileAt`, message: `must not be before the due date (${dueAt.toISOString()})` });
    if (input.now && compileAt < input.now) problems.push({ path: `${p}.compileAt`, message: `is in the past (now is ${input.now.toISOString()})` });
    if (compileAt > end) problems.push({ path: `${p}.compileAt`, message: `is after the cycle ends (${end.toISOString()})` });
    milestones.push({ key: m.key, title: m.title, kind: m.kind, requestAt, dueAt, compileAt });
  });

  const finals = input.milestones.filter((m) => m.kind === 'final').length;
  if (finals > 1) problems.push({ path: 'milestones', message: 'at most one final milestone' });

  const reminders = [...new Set(input.reminderDaysBeforeDue)].sort((a, b) => b - a);
  input.reminderDaysBeforeDue.forEach((d, i) => {
    if (!(Number.isFinite(d) && d > 0)) problems.push({ path: `reminderDaysBeforeDue[${i}]`, message: 'must be a positive number of days' });
  });

  // Checked in level order, reported at each level's position in the input.
  const indexed = input.escalation.levels.map((l, i) => ({ l, i }));
  const ordered = [...indexed].sort((a, b) => a.l.level - b.l.level);
  const levels = ordered.map((x) => x.l);
  ordered.forEach(({ l, i }, rank) => {
    if (l.level !== rank + 1) problems.push({ path: `escalation.levels[${i}].level`, message: 'levels must be numbered 1, 2, … without gaps or repeats' });
    if (!(l.daysAfterDue >= 0)) problems.push({ path: `escalation.levels[${i}].daysAfterDue`, message: 'must be 0 or more days after the due date' });
    if (rank > 0 && l.daysAfterDue < ordered[rank - 1].l.daysAfterDue) {
      problems.push({ path: `escalation.levels[${i}].daysAfterDue`, message: 'a higher level cannot come before a lower one' });
    }
  });

  if (problems.length) return { problems };
  milestones.sort((a, b) => a.requestAt.getTime() - b.requestAt.getTime());
  return {
    problems,
    plan: { start, end, lengthMonths: input.lengthMonths, milestones, reminderDaysBeforeDue: reminders, escalation: { levels } },
  };
}
