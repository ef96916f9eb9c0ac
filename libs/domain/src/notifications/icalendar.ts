import { addCalendarDays, CalendarDay, dayText } from '../clock/calendar-day';

/**
 * A minimal RFC 5545 writer for the chairs' deadline feeds: text escaping, 75-octet line
 * folding, CRLF line ends, UTC date-times. Each task is one VEVENT whose UID stays the same
 * and whose SEQUENCE is the task's due version, so calendar clients replace the event when
 * a deadline is extended instead of adding a second one.
 */
export interface CalendarEvent {
  uid: string;
  sequence: number;
  start: Date;
  /**
   * A due date typed as a day (the end of that day on the reader's clock): an all-day event on
   * that day (VALUE=DATE), which is what calendar users expect of "due on the 7th", instead of
   * a quarter of an hour at 23:59.
   */
  day?: CalendarDay;
  summary: string;
  description?: string;
  url?: string;
  /** Alarms this many days before start (the cycle's reminder offsets). */
  alarmDaysBefore: number[];
  lastModified?: Date;
  categories?: string[];
}

export interface CalendarFeed {
  name: string;
  description?: string;
  generatedAt: Date;
  refreshMinutes: number;
  events: CalendarEvent[];
}

export function icsDateTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function icsDate(day: CalendarDay): string {
  return dayText(day).replace(/-/g, '');
}

export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (not characters: a multi-byte character is never split). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function buildCalendar(feed: CalendarFeed): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pact monitoring engine//Deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(feed.name)}`,
    ...(feed.description ? [`X-WR-CALDESC:${icsText(feed.description)}`] : []),
    `REFRESH-INTERVAL;VALUE=DURATION:PT${feed.refreshMinutes}M`,
    `X-PUBLISHED-TTL:PT${feed.refreshMinutes}M`,
  ];
  const stamp = icsDateTime(feed.generatedAt);
  for (const e of feed.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${e.sequence}`,
      // A deadline at a moment: a quarter of an hour makes it visible in day views. A day: the whole day (DTEND is exclusive).
      ...(e.day
        ? [`DTSTART;VALUE=DATE:${icsDate(e.day)}`, `DTEND;VALUE=DATE:${icsDate(addCalendarDays(e.day, 1))}`]
        : [`DTSTART:${icsDateTime(e.start)}`, 'DURATION:PT15M']),
      `SUMMARY:${icsText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      ...(e.categories?.length ? [`CATEGORIES:${e.categories.map(icsText).join(',')}`] : []),
      ...(e.lastModified ? [`LAST-MODIFIED:${icsDateTime(e.lastModified)}`] : []),
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
    );
    for (const days of [...new Set(e.alarmDaysBefore)].sort((a, b) => b - a)) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${icsText(`${e.summary} (in ${days} days)`)}`,
        `TRIGGER;RELATED=START:-P${days}D`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
