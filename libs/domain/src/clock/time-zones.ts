import { MS_PER_DAY } from './clock';

/** A moment's wall-clock reading in an IANA time zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const readers = new Map<string, Intl.DateTimeFormat>();

/** What a clock on the wall in `timeZone` shows at `date`. */
export function localDateTime(date: Date, timeZone: string): LocalDateTime {
  let fmt = readers.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    readers.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute) };
}

/**
 * Calendar days from `now` to `due` as a person in `timeZone` counts them: due later today is 0,
 * tomorrow 1, yesterday −1, whatever the hours (daysBetween counts 24-hour periods instead).
 */
export function calendarDaysUntil(now: Date, due: Date, timeZone: string): number {
  const a = localDateTime(now, timeZone);
  const b = localDateTime(due, timeZone);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / MS_PER_DAY);
}

/**
 * The moment a wall clock in `timeZone` shows `local`; null when that date does not exist
 * (31 February). In a daylight-saving gap the hour after is taken; in the repeated hour, the first.
 */
export function zonedDateTime(local: LocalDateTime, timeZone: string): Date | null {
  const { year, month, day, hour, minute } = local;
  if (![year, month, day, hour, minute].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  // The zone's offset at a guess, then again at the result (the offset may differ across a change of time).
  const offsetAt = (t: number) => {
    const l = localDateTime(new Date(t), timeZone);
    return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) - Math.floor(t / 60_000) * 60_000;
  };
  let t = asUtc - offsetAt(asUtc);
  t = asUtc - offsetAt(t);
  return new Date(t);
}
