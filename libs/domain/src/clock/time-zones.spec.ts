import { calendarDaysUntil, localDateTime, zonedDateTime } from './time-zones';

describe('time zones', () => {
  it('reads the wall clock of a zone', () => {
    expect(localDateTime(new Date('2030-03-01T00:00:00Z'), 'Europe/Brussels')).toEqual({ year: 2030, month: 3, day: 1, hour: 1, minute: 0 });
    expect(localDateTime(new Date('2030-03-01T00:00:00Z'), 'America/New_York')).toEqual({ year: 2030, month: 2, day: 28, hour: 19, minute: 0 });
  });

  it('counts calendar days as a person in the zone does', () => {
    const due = new Date('2030-03-01T00:00:00Z');
    // 23:30 on 28 February in Brussels: the due date (1 March, 01:00) is tomorrow.
    expect(calendarDaysUntil(new Date('2030-02-28T22:30:00Z'), due, 'Europe/Brussels')).toBe(1);
    // The same moment in Auckland is already 1 March: due today.
    expect(calendarDaysUntil(new Date('2030-02-28T22:30:00Z'), due, 'Pacific/Auckland')).toBe(0);
    expect(calendarDaysUntil(new Date('2030-03-03T12:00:00Z'), due, 'Europe/Brussels')).toBe(-2);
    expect(calendarDaysUntil(new Date('2030-01-01T00:00:00Z'), due, 'UTC')).toBe(59);
  });

  it('finds the moment a wall clock in a zone shows, across daylight saving time', () => {
    expect(zonedDateTime({ year: 2030, month: 3, day: 1, hour: 1, minute: 0 }, 'Europe/Brussels')?.toISOString()).toBe('2030-03-01T00:00:00.000Z');
    expect(zonedDateTime({ year: 2030, month: 7, day: 1, hour: 1, minute: 0 }, 'Europe/Brussels')?.toISOString()).toBe('2030-06-30T23:00:00.000Z');
    expect(zonedDateTime({ year: 2030, month: 7, day: 1, hour: 9, minute: 30 }, 'Asia/Kolkata')?.toISOString()).toBe('2030-07-01T04:00:00.000Z');
    // 31 March 2030, 02:30 does not exist in Brussels (clocks go from 02:00 to 03:00): the hour after.
    expect(zonedDateTime({ year: 2030, month: 3, day: 31, hour: 2, minute: 30 }, 'Europe/Brussels')?.toISOString()).toBe('2030-03-31T01:30:00.000Z');
    expect(zonedDateTime({ year: 2030, month: 2, day: 31, hour: 0, minute: 0 }, 'Europe/Brussels')).toBeNull();
    expect(zonedDateTime({ year: 2030, month: 13, day: 1, hour: 0, minute: 0 }, 'UTC')).toBeNull();
    expect(zonedDateTime({ year: 30, month: 1, day: 1, hour: 0, minute: 0 }, 'UTC')).toBeNull();
    expect(zonedDateTime({ year: 2030, month: 1.5, day: 1, hour: 0, minute: 0 }, 'UTC')).toBeNull();
  });
});
