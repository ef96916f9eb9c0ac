import { ManualClock, MS_PER_DAY, SimulatedClock, SystemClock } from './clock';

const ANCHOR_REAL = 1_000_000; // 1970-01-01T00:16:40.000Z
const ANCHOR_SIM = new Date('2025-01-01T00:00:00.000Z');

describe('MS_PER_DAY', () => {
  it('is 86 400 000 ms', () => {
    expect(MS_PER_DAY).toBe(86_400_000);
  });
});

describe('SimulatedClock', () => {
  let real: number;
  const realNow = () => real;
  // 1 day of cycle time = 1000 real ms
  const make = () => new SimulatedClock(1000, ANCHOR_REAL, ANCHOR_SIM, realNow);

  beforeEach(() => {
    real = ANCHOR_REAL;
  });

  it('reports the simulated anchor at the real anchor', () => {
    expect(make().now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('advances one simulated day per realMsPerDay real milliseconds', () => {
    const clock = make();
    real = ANCHOR_REAL + 1000;
    expect(clock.now().toISOString()).toBe('2025-01-02T00:00:00.000Z');
    real = ANCHOR_REAL + 500;
    expect(clock.now().toISOString()).toBe('2025-01-01T12:00:00.000Z');
    real = ANCHOR_REAL + 45_000;
    expect(clock.now().toISOString()).toBe('2025-02-15T00:00:00.000Z');
  });

  it('goes backwards before the real anchor', () => {
    const clock = make();
    real = ANCHOR_REAL - 1000;
    expect(clock.now().toISOString()).toBe('2024-12-31T00:00:00.000Z');
  });

  it('scales with a different realMsPerDay', () => {
    // 1 day = 60 000 real ms (one minute per day): 90 s = 1.5 days
    const clock = new SimulatedClock(60_000, ANCHOR_REAL, ANCHOR_SIM, realNow);
    real = ANCHOR_REAL + 90_000;
    expect(clock.now().toISOString()).toBe('2025-01-02T12:00:00.000Z');
  });

  it('delayUntil converts simulated distance into real milliseconds', () => {
    const clock = make();
    expect(clock.delayUntil(new Date('2025-01-11T00:00:00.000Z'))).toBe(10_000);
    expect(clock.delayUntil(new Date('2025-01-01T06:00:00.000Z'))).toBe(250);
  });

  it('delayUntil is measured from the current simulated time', () => {
    const clock = make();
    real = ANCHOR_REAL + 2500; // now = 2025-01-03T12:00Z
    expect(clock.delayUntil(new Date('2025-01-11T00:00:00.000Z'))).toBe(7500);
  });

  it('delayUntil rounds up so a timer never fires early', () => {
    const clock = make();
    // 1 simulated hour = 1000/24 = 41.67 real ms -> 42
    expect(clock.delayUntil(new Date('2025-01-01T01:00:00.000Z'))).toBe(42);
    // 1 simulated ms -> 1 real ms (not 0)
    expect(clock.delayUntil(new Date(ANCHOR_SIM.getTime() + 1))).toBe(1);
  });

  it('delayUntil is 0 for the present and the past', () => {
    const clock = make();
    expect(clock.delayUntil(new Date('2025-01-01T00:00:00.000Z'))).toBe(0);
    expect(clock.delayUntil(new Date('2024-06-01T00:00:00.000Z'))).toBe(0);
    real = ANCHOR_REAL + 5000; // 2025-01-06
    expect(clock.delayUntil(new Date('2025-01-05T00:00:00.000Z'))).toBe(0);
  });

  it('rejects a non-positive or NaN realMsPerDay', () => {
    expect(() => new SimulatedClock(0, ANCHOR_REAL, ANCHOR_SIM, realNow)).toThrow('realMsPerDay must be positive');
    expect(() => new SimulatedClock(-5, ANCHOR_REAL, ANCHOR_SIM, realNow)).toThrow('realMsPerDay must be positive');
    expect(() => new SimulatedClock(NaN, ANCHOR_REAL, ANCHOR_SIM, realNow)).toThrow('realMsPerDay must be positive');
  });

  it('describes its scale and anchor', () => {
    expect(make().describe()).toBe('simulated (1 day = 1000 ms, anchor 2025-01-01T00:00:00.000Z at 1970-01-01T00:16:40.000Z)');
  });

  it('uses Date.now when no realNow is injected', () => {
    const spy = jest.spyOn(Date, 'now').mockReturnValue(ANCHOR_REAL + 3000);
    try {
      const clock = new SimulatedClock(1000, ANCHOR_REAL, ANCHOR_SIM);
      expect(clock.now().toISOString()).toBe('2025-01-04T00:00:00.000Z');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('ManualClock', () => {
  it('returns the time it was given, as a copy', () => {
    const start = new Date('2025-03-01T00:00:00.000Z');
    const clock = new ManualClock(start);
    const now = clock.now();
    expect(now.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    now.setUTCFullYear(2000);
    expect(clock.now().toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });

  it('set() copies the date it is given', () => {
    const clock = new ManualClock(new Date('2025-03-01T00:00:00.000Z'));
    const at = new Date('2025-07-04T10:00:00.000Z');
    clock.set(at);
    at.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2025-07-04T10:00:00.000Z');
  });

  it('advanceDays moves by whole and fractional days', () => {
    const clock = new ManualClock(new Date('2025-02-27T00:00:00.000Z'));
    clock.advanceDays(2);
    expect(clock.now().toISOString()).toBe('2025-03-01T00:00:00.000Z');
    clock.advanceDays(0.25);
    expect(clock.now().toISOString()).toBe('2025-03-01T06:00:00.000Z');
    clock.advanceDays(-1);
    expect(clock.now().toISOString()).toBe('2025-02-28T06:00:00.000Z');
  });

  it('delayUntil is the plain millisecond distance, never negative', () => {
    const clock = new ManualClock(new Date('2025-03-01T00:00:00.000Z'));
    expect(clock.delayUntil(new Date('2025-03-03T00:00:00.000Z'))).toBe(172_800_000);
    expect(clock.delayUntil(new Date('2025-03-01T00:00:01.000Z'))).toBe(1000);
    expect(clock.delayUntil(new Date('2025-03-01T00:00:00.000Z'))).toBe(0);
    expect(clock.delayUntil(new Date('2025-02-01T00:00:00.000Z'))).toBe(0);
  });

  it('describes its current time', () => {
    const clock = new ManualClock(new Date('2025-03-01T00:00:00.000Z'));
    clock.advanceDays(1);
    expect(clock.describe()).toBe('manual (2025-03-02T00:00:00.000Z)');
  });
});

describe('SystemClock', () => {
  it('follows Date.now', () => {
    const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2025, 0, 1));
    try {
      const clock = new SystemClock();
      expect(clock.delayUntil(new Date('2025-01-01T00:00:05.000Z'))).toBe(5000);
      expect(clock.delayUntil(new Date('2024-12-31T00:00:00.000Z'))).toBe(0);
      expect(clock.describe()).toBe('system');
    } finally {
      spy.mockRestore();
    }
  });
});
