import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { validateVariables } from '@pact/engine';

/**
 * The settings only the worker reads, validated with a message naming each wrong variable. The
 * engine's own (MongoDB, Redis, …) are in libs/engine/src/config/environment.ts.
 */
export class WorkerEnvironmentVariables {
  /** How often (real ms) the reconciler rebuilds missing timers from MongoDB. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  RECONCILE_EVERY_MS = 60_000;

  /**
   * Readiness (GET /health/ready on the worker's port) fails when no worker has reconciled for
   * this long (real ms). Unset: three periods (3 × RECONCILE_EVERY_MS), so one slow or lost pass
   * does not make the workers unready.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  RECONCILE_MAX_AGE_MS?: number;

  /** Unset: each queue's own default (docs/configuration.md). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY?: number;

  /** How long a worker holds a job before another may take it over (it died): also the stall check interval. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  WORKER_LOCK_MS = 30_000;

  /** Rate limit of the notifications worker: at most NOTIFY_RATE_MAX deliveries per NOTIFY_RATE_MS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  NOTIFY_RATE_MAX = 20;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  NOTIFY_RATE_MS = 1000;
  /**
   * The worker's own small HTTP port: GET /metrics (Prometheus), /health/live and /health/ready.
   * Unset, none. 0 takes any free port (tests). Without authentication, so it listens on WORKER_METRICS_HOST, loopback by default.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  @IsString()
  WORKER_METRICS_HOST = '127.0.0.1';

  /** Redis for the workers' own connection (the engine checks it as well, for its producers). */
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';
}

/** The worker's settings, typed. */
export interface WorkerSettings {
  reconcileEveryMs: number;
  /** How old the last good reconciliation may be for the worker to be ready. */
  reconcileMaxAgeMs: number;
  /** Jobs processed in parallel per queue and worker; unset: each queue's own default. */
  concurrency?: number;
  lockMs: number;
  notifyRateMax: number;
  notifyRateMs: number;
  redisUrl: string;
  /** Where the worker answers GET /metrics and its health probes; unset: nowhere. */
  metrics?: { port: number; host: string };
}

/** The worker's settings from the environment's variables (process.env, or a test's object), validated. */
export function workerSettingsFrom(raw: Record<string, unknown>): WorkerSettings {
  const env = validateVariables(WorkerEnvironmentVariables, raw);
  return {
    reconcileEveryMs: env.RECONCILE_EVERY_MS,
    reconcileMaxAgeMs: env.RECONCILE_MAX_AGE_MS ?? 3 * env.RECONCILE_EVERY_MS,
    concurrency: env.WORKER_CONCURRENCY,
    lockMs: env.WORKER_LOCK_MS,
    notifyRateMax: env.NOTIFY_RATE_MAX,
    notifyRateMs: env.NOTIFY_RATE_MS,
    redisUrl: env.REDIS_URL,
    metrics: env.WORKER_METRICS_PORT === undefined ? undefined : { port: env.WORKER_METRICS_PORT, host: env.WORKER_METRICS_HOST },
  };
}

/** Injection token of the worker's settings (read when the worker application is created). */
export const WORKER_SETTINGS = Symbol('WORKER_SETTINGS');
