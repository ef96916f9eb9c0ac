import { addMonths } from './calendar';
import { localDateTime, zonedDateTime } from './time-zones';

/**
 * Dates people type as days. A date may be given as a calendar day (`2026-12-07`, what a date
 * input sends) or as a moment (a full ISO 8601 timestamp with its offset). A moment is kept as
 * given. A day is resolved in a time zone by what it stands for: a start (a cycle's start, a
 * request or a compilation) is the beginning of that day, 00:00; a due date is the end of that
 * day, 23:59:59, or the time of day the programme configures (`deadlines.dueTimeOfDay`). One rule
 * for the API's bodies, the services, the pages, the e-mails and the calendar feed.
 */
export interface CalendarDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

/** A date as typed: a calendar day, or a moment kept as given. */
export type DayOrMoment = CalendarDay | Date;

/** The last second of a day: what a due date typed as a day means unless the programme says otherwise. */
export const END_OF_DAY: TimeOfDay = { hour: 23, minute: 59, second: 59 };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A full timestamp names its offset (Z or ±hh:mm): without one, "09:00" would be read on the server's clock.
const MOMENT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export function isCalendarDay(value: DayOrMoment): value is CalendarDay {
  return !(value instanceof Date);
}

/** `YYYY-MM-DD` as a calendar day; null for anything else, and for a day that does not exist (31 February). */
export function calendarDayOf(text: string): CalendarDay | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(day.year, day.month - 1, day.day));
  return day.month >= 1 && day.month <= 12 && check.getUTCDate() === day.day && check.getUTCMonth() === day.month - 1 && day.year >= 1000 ? day : null;
}

/** What a typed date is: a calendar day (`YYYY-MM-DD`), a moment (a timestamp with offset), or neither (null). */
export function dayOrMomentOf(text: unknown): DayOrMoment | null {
  if (typeof text !== 'string') return null;
  const day = calendarDayOf(text);
  if (day) return day;
  const m = MOMENT.exec(text);
  if (!m || !calendarDayOf(m[1])) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** `HH:MM` or `HH:MM:SS` (the programme's due time of day); null for anything else. */
export function timeOfDayOf(text: string): TimeOfDay | null {
  const m = TIME.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) } : null;
}

/** The moment a clock in `timeZone` shows `time` on `day` (in a daylight-saving gap, the hour after). */
function onDay(day: CalendarDay, time: TimeOfDay, timeZone: string): Date {
  const at = zonedDateTime({ ...day, hour: time.hour, minute: time.minute }, timeZone);
  if (!at) throw new RangeError(`${dayText(day)} is not a calendar day`);
  return new Date(at.getTime() + time.second * 1000);
}

/** 00:00 of `day` in `timeZone`: where something typed as a day starts. */
export function startOfDay(day: CalendarDay, timeZone: string): Date {
  return onDay(day, { hour: 0, minute: 0, second: 0 }, timeZone);
}

/** The due moment of `day` in `timeZone`: 23:59:59, or the programme's due time of day. */
export function dueOnDay(day: CalendarDay, timeZone: string, dueTime: TimeOfDay = END_OF_DAY): Date {
  return onDay(day, dueTime, timeZone);
}

/** A start as typed: a day from its beginning in `timeZone`, a moment as given. */
export function startAt(value: DayOrMoment, timeZone: string): Date {
  return isCalendarDay(value) ? startOfDay(value, timeZone) : value;
}

/** A due date as typed: a day at its due time in `timeZone`, a moment as given. */
export function dueAt(value: DayOrMoment, timeZone: string, dueTime: TimeOfDay = END_OF_DAY): Date {
  return isCalendarDay(value) ? dueOnDay(value, timeZone, dueTime) : value;
}

/** The calendar day a clock in `timeZone` shows at `date`. */
export function dayIn(date: Date, timeZone: string): CalendarDay {
  const { year, month, day } = localDateTime(date, timeZone);
  return { year, month, day };
}

export function addCalendarDays(day: CalendarDay, days: number): CalendarDay {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Months later, clamped to the month's last day (31 January + 1 month = 28/29 February), as `addMonths`. */
export function addCalendarMonths(day: CalendarDay, months: number): CalendarDay {
  const d = addMonths(new Date(Date.UTC(day.year, day.month - 1, day.day)), months);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD` */
export function dayText(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** Whether `date` is 00:00:00 on a clock in `timeZone`: a start typed as a day, shown as that date. */
export function isStartOfDay(date: Date, timeZone: string): boolean {
  if (date.getUTCSeconds() !== 0 || date.getUTCMilliseconds() !== 0) return false;
  const l = localDateTime(date, timeZone);
  return l.hour === 0 && l.minute === 0;
}

/**
 * Whether `date` is a due date typed as a day, read on a clock in `timeZone`: 23:59:59 there (a
 * due time of day the programme configures is shown with its time). Such a date is shown as the
 * date alone ("7 December 2026"): the whole day is the person's.
 */
export function isEndOfDay(date: Date, timeZone: string): boolean {
  return isStartOfDay(new Date(date.getTime() + 1000), timeZone);
}
