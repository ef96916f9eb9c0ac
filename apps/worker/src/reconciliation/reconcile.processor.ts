import { Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ReconcileResult, TimerReconciler } from '@pact/engine';
import { QUEUE, TimerScheduler } from '@pact/queues';
import { LoggedWorkerHost } from '../logged-worker-host';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { workerOptions } from '../worker-options';
import { WORKER_SETTINGS, WorkerSettings } from '../worker-settings';

@Processor(QUEUE.Maintenance, { ...workerOptions(1), concurrency: 1 })
export class ReconcileProcessor extends LoggedWorkerHost {
  constructor(
    private readonly reconciler: TimerReconciler,
    private readonly workerMetrics: WorkerMetrics,
  ) {
    super();
  }

  async process(): Promise<ReconcileResult> {
    const result = await this.reconciler.reconcile();
    this.workerMetrics.recordTimersOwed(result.taskTimers);
    return result;
  }
}

/**
 * Reconciles once when the worker starts, and keeps the periodic job scheduler in place:
 * the scheduler lives in Redis, so after a Redis flush it is this watchdog that puts it back.
 */
@Injectable()
export class ReconcileWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileWatchdog.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly reconciler: TimerReconciler,
    private readonly scheduler: TimerScheduler,
    private readonly workerMetrics: WorkerMetrics,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.settings.reconcileEveryMs;
    const result = await this.reconciler.reconcile();
    this.workerMetrics.recordTimersOwed(result.taskTimers);
    this.logger.log(`start-up reconciliation: ${result.cycles} active cycle(s), ${result.taskTimers} task timer(s) ensured`);
    await this.scheduler.ensureReconcileScheduler(every);
    this.timer = setInterval(() => {
      this.scheduler.ensureReconcileScheduler(every).catch((err) => this.logger.warn(`cannot ensure reconcile scheduler: ${err.message}`));
    }, every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
