import {
  addCalendarDays,
  addCalendarMonths,
  calendarDayOf,
  dayIn,
  dayOrMomentOf,
  dueAt,
  dueOnDay,
  isEndOfDay,
  isStartOfDay,
  startAt,
  startOfDay,
  timeOfDayOf,
} from './calendar-day';

const day = (text: string) => calendarDayOf(text)!;

describe('calendar days: a day typed means its start or its end in a time zone, a moment is kept', () => {
  it('reads a day or a timestamp with its offset, and nothing else', () => {
    expect(dayOrMomentOf('2026-12-07')).toEqual({ year: 2026, month: 12, day: 7 });
    expect(dayOrMomentOf('2026-12-07T10:30:00+01:00')).toEqual(new Date('2026-12-07T09:30:00Z'));
    expect(dayOrMomentOf('2026-12-07T10:30Z')).toEqual(new Date('2026-12-07T10:30:00Z'));
    expect(dayOrMomentOf('2026-12-07T10:30:00.123Z')).toEqual(new Date('2026-12-07T10:30:00.123Z'));
    for (const text of [
      '2026-02-30',
      '2026-13-01',
      '2026-12-7',
      '07.12.2026',
      '2026-12-07T10:30:00',
      '2026-02-30T10:00:00Z',
      '2026-12-07T24:00:00Z',
      '',
      'tomorrow',
      42,
    ]) {
      expect(dayOrMomentOf(text)).toBeNull();
    }
  });

  it('a start typed as a day is 00:00 there, a due date 23:59:59 (Brussels in winter and summer)', () => {
    expect(startOfDay(day('2026-12-07'), 'Europe/Brussels').toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(dueOnDay(day('2026-12-07'), 'Europe/Brussels').toISOString()).toBe('2026-12-07T22:59:59.000Z');
    expect(startOfDay(day('2027-07-01'), 'Europe/Brussels').toISOString()).toBe('2027-06-30T22:00:00.000Z');
    expect(dueOnDay(day('2027-07-01'), 'Europe/Brussels').toISOString()).toBe('2027-07-01T21:59:59.000Z');
  });

  it('follows the change of time on its own day (Brussels, late March and late October)', () => {
    // 28 March 2027: clocks go from 02:00 to 03:00; the day starts in winter time, ends in summer time.
    expect(startOfDay(day('2027-03-28'), 'Europe/Brussels').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(dueOnDay(day('2027-03-28'), 'Europe/Brussels').toISOString()).toBe('2027-03-28T21:59:59.000Z');
    // 31 October 2027: clocks go back from 03:00 to 02:00; the day starts in summer time, ends in winter time.
    expect(startOfDay(day('2027-10-31'), 'Europe/Brussels').toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(dueOnDay(day('2027-10-31'), 'Europe/Brussels').toISOString()).toBe('2027-10-31T22:59:59.000Z');
  });

  it('in New York, across its own change of time', () => {
    expect(dueOnDay(day('2027-03-14'), 'America/New_York').toISOString()).toBe('2027-03-15T03:59:59.000Z');
    expect(startOfDay(day('2027-03-14'), 'America/New_York').toISOString()).toBe('2027-03-14T05:00:00.000Z');
    expect(dueOnDay(day('2027-01-20'), 'America/New_York').toISOString()).toBe('2027-01-21T04:59:59.000Z');
  });

  it('a configured due time of day replaces 23:59:59', () => {
    expect(dueOnDay(day('2027-01-20'), 'Europe/Brussels', timeOfDayOf('17:00')!).toISOString()).toBe('2027-01-20T16:00:00.000Z');
    expect(timeOfDayOf('23:59:59')).toEqual({ hour: 23, minute: 59, second: 59 });
    for (const text of ['24:00', '7:00', '17:60', '17']) expect(timeOfDayOf(text)).toBeNull();
  });

  it('keeps a timestamp as given', () => {
    const at = new Date('2027-01-20T08:15:00Z');
    expect(startAt(at, 'Europe/Brussels')).toBe(at);
    expect(dueAt(at, 'America/New_York')).toBe(at);
    expect(dueAt(day('2027-01-20'), 'Europe/Brussels').toISOString()).toBe('2027-01-20T22:59:59.000Z');
    expect(startAt(day('2027-01-20'), 'Europe/Brussels').toISOString()).toBe('2027-01-19T23:00:00.000Z');
  });

  it('tells a day typed from a moment on the reader’s clock', () => {
    const due = dueOnDay(day('2026-12-07'), 'Europe/Brussels');
    expect(isEndOfDay(due, 'Europe/Brussels')).toBe(true);
    expect(isEndOfDay(due, 'Europe/Warsaw')).toBe(true); // the same clock
    expect(isEndOfDay(due, 'Europe/Dublin')).toBe(false); // 22:59:59 there: shown with its time
    expect(isEndOfDay(new Date('2026-12-07T00:00:00Z'), 'Europe/Brussels')).toBe(false); // "1:00 AM" is not a day
    expect(isStartOfDay(startOfDay(day('2027-10-31'), 'Europe/Brussels'), 'Europe/Brussels')).toBe(true);
    expect(isStartOfDay(new Date('2026-12-07T00:00:00Z'), 'Europe/Brussels')).toBe(false);
    expect(dayIn(due, 'Europe/Brussels')).toEqual({ year: 2026, month: 12, day: 7 });
  });

  it('counts days and months on the calendar', () => {
    expect(addCalendarDays(day('2027-02-20'), 14)).toEqual({ year: 2027, month: 3, day: 6 });
    expect(addCalendarMonths(day('2027-01-31'), 1)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addCalendarMonths(day('2027-01-01'), 24)).toEqual({ year: 2029, month: 1, day: 1 });
  });
});
