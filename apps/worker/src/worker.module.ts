import { Module } from '@nestjs/common';
import { EngineModule } from '@pact/engine';
import { CycleProcessor } from './cycles/cycle.processor';
import { DeadlineProcessor } from './deadlines/deadline.processor';
import { ReconcileProcessor, ReconcileWatchdog } from './reconciliation/reconcile.processor';
import { NotificationProcessor } from './notifications/notification.processor';

/** BullMQ processors only; no HTTP API of its own. */
@Module({
  imports: [EngineModule],
  providers: [CycleProcessor, DeadlineProcessor, NotificationProcessor, ReconcileProcessor, ReconcileWatchdog],
})
export class WorkerModule {}
