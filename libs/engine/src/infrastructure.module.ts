import { Module } from '@nestjs/common';
import { PersistenceModule } from '@pact/persistence';
import { QueuesModule } from '@pact/queues';
import { ClockModule } from './clock/clock.module';
import { EngineConfigModule } from './config/config.module';
import { NotificationsModule } from './notifications/notifications.module';
import { MetricsModule } from './metrics/metrics.module';

/**
 * What every engine capability stands on: the validated configuration, the clock and MongoDB.
 * Command-line tools that only read or write records (bootstrapping the first committee member)
 * take this alone, so they need no Redis. Apps reach storage only through the engine.
 */
@Module({
  imports: [EngineConfigModule, ClockModule, PersistenceModule, MetricsModule],
  exports: [EngineConfigModule, ClockModule, PersistenceModule, MetricsModule],
})
export class EngineStorageModule {}

/** Storage plus the queues and the notifications that ride on them: for tools that also send (npm start's sign-in link). */
@Module({ imports: [EngineStorageModule, QueuesModule, NotificationsModule], exports: [EngineStorageModule, QueuesModule, NotificationsModule] })
export class EngineInfrastructureModule {}
