import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@pact/domain';
import { DatabaseProbe, DatabaseWatchdog, isDatabaseUnavailableError } from '@pact/persistence';
import { isRedisUnavailableError, QueueCounts, QueueProbe, TimerScheduler } from '@pact/queues';
import { CLOCK } from '@pact/domain';
import { EngineSettings } from '../config/settings';

export interface DependencyHealth {
  status: 'up' | 'down' | 'timeout';
  /** How long the probe took (ms), or the timeout when it did not answer in time. */
  ms: number;
  error?: string;
}

export type { QueueCounts };

export interface DatabaseHealth extends DependencyHealth {
  /**
   * When this process's client gets no answer, whether a new connection does: "database-down"
   * (it does not either: the database is down or unreachable for everyone), or "process-cut-off"
   * (it does: only this process is cut off; its client is rebuilt after
   * MONGODB_CLIENT_REBUILD_AFTER_MS, see DatabaseWatchdog).
   */
  cause?: 'database-down' | 'process-cut-off';
  /** How often this process rebuilt its database client since it started. */
  clientRebuilds: number;
}

export interface Health {
  status: 'ok' | 'degraded';
  mongo: DatabaseHealth;
  redis: DependencyHealth;
  now: Date;
  clock: string;
}

/**
 * Readiness: each store must answer a real query within HEALTH_TIMEOUT_MS. A store that
 * accepts connections but answers nothing (a stalled database) reports "timeout", so load
 * balancers stop sending work instead of piling requests onto it.
 */
@Injectable()
export class HealthService {
  private readonly timeoutMs: number;

  constructor(
    private readonly database: DatabaseProbe,
    private readonly watchdog: DatabaseWatchdog,
    private readonly queues: QueueProbe,
    private readonly timers: TimerScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    settings: EngineSettings,
  ) {
    this.timeoutMs = settings.healthTimeoutMs;
  }

  async check(): Promise<Health> {
    const [mongo, redis] = await Promise.all([this.databaseHealth(), this.redisHealth()]);
    return { status: mongo.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded', mongo, redis, now: this.clock.now(), clock: this.clock.describe() };
  }

  /** MongoDB's part of readiness: a ping and a real read through this process's client, within HEALTH_TIMEOUT_MS. */
  async databaseHealth(): Promise<DatabaseHealth> {
    const own = await this.timed(() => this.database.probe());
    const clientRebuilds = this.watchdog.rebuilds;
    if (own.status === 'up') return { ...own, clientRebuilds };
    // Within the same timeout, shared with the watchdog's own look: few new clients under an outage.
    const reach = await this.watchdog.reach(this.timeoutMs);
    return { ...own, cause: reach === 'answers' ? 'process-cut-off' : 'database-down', clientRebuilds };
  }

  /** Redis's part of readiness: a queue read on a producer connection, within HEALTH_TIMEOUT_MS. */
  redisHealth(): Promise<DependencyHealth> {
    return this.timed(() => this.queues.probe());
  }

  /**
   * When the last reconciliation pass ended well (real ms; null: none since Redis was empty), or
   * how reading it failed, within HEALTH_TIMEOUT_MS.
   */
  async lastReconciled(): Promise<number | null | 'down' | 'timeout'> {
    let last: number | null = null;
    const read = await this.timed(async () => {
      last = await this.timers.lastReconciled();
    });
    return read.status === 'up' ? last : read.status;
  }

  /**
   * Jobs waiting, active, delayed and failed per queue, for the operators' page; null when Redis
   * does not answer within HEALTH_TIMEOUT_MS (the page still shows, saying so).
   */
  async queueCounts(): Promise<QueueCounts[] | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.timeoutMs)));
    try {
      return await Promise.race([this.queues.counts(), timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private async timed(probe: () => Promise<void>): Promise<DependencyHealth> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.timeoutMs)));
    try {
      const outcome = await Promise.race([probe().then(() => 'up' as const), timeout]);
      return outcome === 'timeout' ? { status: 'timeout', ms: this.timeoutMs } : { status: 'up', ms: Date.now() - started };
    } catch (err) {
      return { status: 'down', ms: Date.now() - started, error: (err as Error).message?.slice(0, 200) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The database or Redis cannot serve the request now: answer 503 with Retry-After, retry the job. */
export function isServiceUnavailableError(err: unknown): boolean {
  return isDatabaseUnavailableError(err) || isRedisUnavailableError(err);
}
