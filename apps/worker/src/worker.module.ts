import { Module } from '@nestjs/common';
import { EngineModule } from '@pact/engine';
import { CycleProcessor } from './cycles/cycle.processor';
import { DeadlineProcessor } from './deadlines/deadline.processor';
import { ReconcileProcessor, ReconcileWatchdog } from './reconciliation/reconcile.processor';
import { NotificationProcessor } from './notifications/notification.processor';
import { WorkerMetrics } from './metrics/worker-metrics';
import { WorkerHealth } from './health/worker-health';
import { JobDrain } from './shutdown/job-drain';
import { JobsInHand } from './shutdown/jobs-in-hand';
import { WorkerPort } from './worker-port';
import { WORKER_SETTINGS, workerSettingsFrom } from './worker-settings';

/** BullMQ processors; no HTTP API of its own, only a small port for metrics and health when WORKER_METRICS_PORT is set. */
@Module({
  imports: [EngineModule],
  providers: [
    // Read when the worker application is created, like the engine's settings.
    { provide: WORKER_SETTINGS, useFactory: () => workerSettingsFrom(process.env) },
    CycleProcessor,
    DeadlineProcessor,
    NotificationProcessor,
    ReconcileProcessor,
    ReconcileWatchdog,
    WorkerMetrics,
    JobsInHand,
    JobDrain,
    WorkerHealth,
    WorkerPort,
  ],
})
export class WorkerModule {}
