/**
 * Time comes from a Clock so that a two-year cycle can run in a minute.
 * Deadlines are stored as absolute (cycle-time) dates; BullMQ delays are real
 * milliseconds derived from them with `delayUntil`.
 */
export interface Clock {
  /** The current time in cycle time. */
  now(): Date;
  /** Real milliseconds to wait until `at` (cycle time) arrives; 0 if already past. */
  delayUntil(at: Date): number;
  /** Human description, for logs and the health endpoint. */
  describe(): string;
}

export const MS_PER_DAY = 24 * 60 * 60 * 1000;

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
  delayUntil(at: Date): number {
    return Math.max(0, at.getTime() - Date.now());
  }
  describe(): string {
    return 'system';
  }
}

/**
 * Compresses cycle time: `realMsPerDay` real milliseconds pass for each day of cycle time.
 * Every process of one run (API, worker, demo) must share the same anchor, or their
 * notions of "now" drift apart by hours per millisecond of difference.
 */
export class SimulatedClock implements Clock {
  private readonly factor: number;

  constructor(
    readonly realMsPerDay: number,
    /** Real time (epoch ms) at which cycle time equals `anchorSimulated`. */
    readonly anchorReal: number,
    readonly anchorSimulated: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(realMsPerDay > 0)) throw new Error('realMsPerDay must be positive');
    this.factor = MS_PER_DAY / realMsPerDay;
  }

  now(): Date {
    return new Date(this.anchorSimulated.getTime() + (this.realNow() - this.anchorReal) * this.factor);
  }

  delayUntil(at: Date): number {
    const simMs = at.getTime() - this.now().getTime();
    return simMs <= 0 ? 0 : Math.ceil(simMs / this.factor);
  }

  describe(): string {
    return `simulated (1 day = ${this.realMsPerDay} ms, anchor ${this.anchorSimulated.toISOString()} at ${new Date(this.anchorReal).toISOString()})`;
  }
}

/** A clock that moves only when told to: for unit tests of the rules. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * MS_PER_DAY);
  }
  delayUntil(at: Date): number {
    return Math.max(0, at.getTime() - this.current.getTime());
  }
  describe(): string {
    return `manual (${this.current.toISOString()})`;
  }
}

/**
 * The dependency-injection token under which every process provides its Clock. A plain symbol, so
 * the rules' library can name it without knowing any framework; libs/engine binds it.
 */
export const CLOCK = Symbol('CLOCK');
