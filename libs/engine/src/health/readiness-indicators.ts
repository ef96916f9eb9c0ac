import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DrainState } from './drain-state';
import { DependencyHealth, HealthService } from './health.service';

/**
 * The readiness probes' parts as @nestjs/terminus indicators, shared by the API and the worker.
 * Each says up or down and how long it took, never an error's text: probes are public (no
 * token) and a driver's message can name hosts and users.
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly health: HealthService,
    private readonly indicators: HealthIndicatorService,
    private readonly drain: DrainState,
  ) {}

  /** Down from SIGTERM on: a draining process takes no new work. */
  async accepting(): Promise<HealthIndicatorResult<'process'>> {
    const process = this.indicators.check('process');
    return this.drain.draining ? process.down({ state: 'draining' }) : process.up();
  }

  async mongo(): Promise<HealthIndicatorResult<'mongo'>> {
    const mongo = await this.health.databaseHealth();
    const indicator = this.indicators.check('mongo');
    return mongo.status === 'up' ? indicator.up({ ms: mongo.ms }) : indicator.down({ state: mongo.status, ms: mongo.ms, cause: mongo.cause });
  }

  async redis(): Promise<HealthIndicatorResult<'redis'>> {
    return this.store('redis', await this.health.redisHealth());
  }

  /**
   * Some worker reconciled (re-created missing timers from MongoDB) within `maxAgeMs` of real
   * time: with no pass for that long, a lost timer would stay lost. Any worker's pass counts,
   * since any one of them runs the scheduled job.
   */
  async reconciler(maxAgeMs: number): Promise<HealthIndicatorResult<'reconciler'>> {
    const indicator = this.indicators.check('reconciler');
    const last = await this.health.lastReconciled();
    if (last === 'timeout' || last === 'down') return indicator.down({ state: last, maxAgeMs });
    const ageMs = last === null ? null : Date.now() - last;
    return ageMs !== null && ageMs <= maxAgeMs ? indicator.up({ ageMs }) : indicator.down({ state: last === null ? 'never' : 'stale', ageMs, maxAgeMs });
  }

  private store<K extends string>(key: K, h: DependencyHealth): HealthIndicatorResult<K> {
    const indicator = this.indicators.check(key);
    return h.status === 'up' ? indicator.up({ ms: h.ms }) : indicator.down({ state: h.status, ms: h.ms });
  }
}
