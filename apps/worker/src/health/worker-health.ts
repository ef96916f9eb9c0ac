import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessIndicators } from '@pact/engine';
import { JobDrain } from '../shutdown/job-drain';
import { WORKER_SETTINGS, WorkerSettings } from '../worker-settings';

/** A probe's answer for the worker's small HTTP server: its status code and terminus's body. */
export interface ProbeAnswer {
  status: 200 | 503;
  body: HealthCheckResult;
}

/**
 * The worker's liveness and readiness (@nestjs/terminus), served on WORKER_METRICS_PORT by
 * WorkerPort. Ready: not draining, MongoDB and Redis answer, every queue's BullMQ worker is
 * running, and some worker reconciled within RECONCILE_MAX_AGE_MS.
 */
@Injectable()
export class WorkerHealth {
  constructor(
    private readonly probes: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: JobDrain,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  /** The process answers; no store is asked (a store that is down is not cured by a restart). */
  live(): Promise<ProbeAnswer> {
    return answer(this.probes.check([]));
  }

  ready(): Promise<ProbeAnswer> {
    return answer(
      this.probes.check([
        () => this.readiness.accepting(),
        () => this.readiness.mongo(),
        () => this.readiness.redis(),
        () => this.queues(),
        () => this.readiness.reconciler(this.settings.reconcileMaxAgeMs),
      ]),
    );
  }

  /** Each queue's BullMQ worker is taking jobs (not closed, not closing, its loop running). */
  private async queues(): Promise<HealthIndicatorResult<'queues'>> {
    const indicator = this.indicators.check('queues');
    const stopped = this.jobs.workers.filter((w) => !w.isRunning() || w.closing).map((w) => w.name);
    return stopped.length ? indicator.down({ stopped }) : indicator.up({ running: this.jobs.workers.map((w) => w.name) });
  }
}

/** terminus throws its result when a check is down: that is a 503 with the same body. */
async function answer(check: Promise<HealthCheckResult>): Promise<ProbeAnswer> {
  try {
    return { status: 200, body: await check };
  } catch (err) {
    if (err instanceof ServiceUnavailableException) return { status: 503, body: err.getResponse() as HealthCheckResult };
    throw err;
  }
}
