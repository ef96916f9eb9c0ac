import { Module } from '@nestjs/common';
import { EngineModule } from '@pact/engine';
import { CycleProcessor } from './cycles/cycle.processor';
import { DeadlineProcessor } from './deadlines/deadline.processor';
import { ReconcileProcessor, ReconcileWatchdog } from './maintenance/reconcile.processor';

/** BullMQ processors only; no HTTP API of its own. */
@Module({
  imports: [EngineModule],
  providers: [CycleProcessor, DeadlineProcessor, ReconcileProcessor, ReconcileWatchdog],
})
export class WorkerModule {}
