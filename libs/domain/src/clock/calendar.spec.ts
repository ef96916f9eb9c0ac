import { addDays, addMonths, daysBetween } from './calendar';

const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('addMonths', () => {
  it('adds months keeping the day of month', () => {
    expect(iso(addMonths(d('2025-01-15T00:00:00.000Z'), 1))).toBe('2025-02-15T00:00:00.000Z');
    expect(iso(addMonths(d('2025-01-01T00:00:00.000Z'), 24))).toBe('2027-01-01T00:00:00.000Z');
  });

  it('clamps 31 January + 1 month to 28 February in a common year', () => {
    expect(iso(addMonths(d('2023-01-31T00:00:00.000Z'), 1))).toBe('2023-02-28T00:00:00.000Z');
    expect(iso(addMonths(d('2025-01-31T00:00:00.000Z'), 1))).toBe('2025-02-28T00:00:00.000Z');
  });

  it('clamps 31 January + 1 month to 29 February in a leap year', () => {
    expect(iso(addMonths(d('2024-01-31T00:00:00.000Z'), 1))).toBe('2024-02-29T00:00:00.000Z');
    expect(iso(addMonths(d('2024-01-30T00:00:00.000Z'), 1))).toBe('2024-02-29T00:00:00.000Z');
  });

  it('clamps 31 August + 1 month to 30 September', () => {
    expect(iso(addMonths(d('2024-08-31T00:00:00.000Z'), 1))).toBe('2024-09-30T00:00:00.000Z');
  });

  it('moves 29 February by a year to 28 February, and by four years to 29 February', () => {
    expect(iso(addMonths(d('2024-02-29T00:00:00.000Z'), 12))).toBe('2025-02-28T00:00:00.000Z');
    expect(iso(addMonths(d('2024-02-29T00:00:00.000Z'), 48))).toBe('2028-02-29T00:00:00.000Z');
  });

  it('crosses year boundaries and keeps the time of day', () => {
    expect(iso(addMonths(d('2024-11-15T10:30:00.000Z'), 3))).toBe('2025-02-15T10:30:00.000Z');
  });

  it('subtracts months with negative values, clamping too', () => {
    expect(iso(addMonths(d('2024-03-31T00:00:00.000Z'), -1))).toBe('2024-02-29T00:00:00.000Z');
    expect(iso(addMonths(d('2025-01-15T00:00:00.000Z'), -2))).toBe('2024-11-15T00:00:00.000Z');
  });

  it('returns an equal date for 0 months and never mutates its input', () => {
    const input = d('2024-01-31T00:00:00.000Z');
    expect(iso(addMonths(input, 0))).toBe('2024-01-31T00:00:00.000Z');
    const out = addMonths(input, 1);
    expect(out).not.toBe(input);
    expect(iso(input)).toBe('2024-01-31T00:00:00.000Z');
  });
});

describe('addDays', () => {
  it('adds whole days across month ends and leap days', () => {
    expect(iso(addDays(d('2024-02-28T00:00:00.000Z'), 1))).toBe('2024-02-29T00:00:00.000Z');
    expect(iso(addDays(d('2024-02-28T00:00:00.000Z'), 2))).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(addDays(d('2025-02-28T00:00:00.000Z'), 1))).toBe('2025-03-01T00:00:00.000Z');
    expect(iso(addDays(d('2026-01-01T00:00:00.000Z'), 42))).toBe('2026-02-12T00:00:00.000Z');
  });

  it('subtracts with negative days and supports fractions', () => {
    expect(iso(addDays(d('2025-03-01T00:00:00.000Z'), -1))).toBe('2025-02-28T00:00:00.000Z');
    expect(iso(addDays(d('2025-03-01T00:00:00.000Z'), 0.5))).toBe('2025-03-01T12:00:00.000Z');
  });

  it('does not mutate its input', () => {
    const input = d('2025-03-01T00:00:00.000Z');
    addDays(input, 10);
    expect(iso(input)).toBe('2025-03-01T00:00:00.000Z');
  });
});

describe('daysBetween', () => {
  it('counts whole days', () => {
    expect(daysBetween(d('2025-01-01T00:00:00.000Z'), d('2025-01-11T00:00:00.000Z'))).toBe(10);
    expect(daysBetween(d('2024-02-01T00:00:00.000Z'), d('2024-03-01T00:00:00.000Z'))).toBe(29);
    expect(daysBetween(d('2025-02-01T00:00:00.000Z'), d('2025-03-01T00:00:00.000Z'))).toBe(28);
  });

  it('rounds a partial day up (towards the future)', () => {
    // 1.2 days
    expect(daysBetween(d('2025-01-01T00:00:00.000Z'), d('2025-01-02T04:48:00.000Z'))).toBe(2);
    // 1 ms
    expect(daysBetween(d('2025-01-01T00:00:00.000Z'), d('2025-01-01T00:00:00.001Z'))).toBe(1);
    // -1.5 days rounds up to -1
    expect(daysBetween(d('2025-01-02T12:00:00.000Z'), d('2025-01-01T00:00:00.000Z'))).toBe(-1);
  });

  it('is negative when `to` is before `from`, and 0 for the same instant', () => {
    expect(daysBetween(d('2025-01-11T00:00:00.000Z'), d('2025-01-01T00:00:00.000Z'))).toBe(-10);
    expect(daysBetween(d('2025-01-01T00:00:00.000Z'), d('2025-01-01T00:00:00.000Z'))).toBe(0);
  });
});
