import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DeliveryQueue } from './delivery-queue';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { ALL_QUEUES } from './queue-names';
import { redisConnectionFromUrl } from './redis-connection';
import { QueueProbe } from './queue-probe';
import { QueueSettings } from './queue-settings';
import { TimerScheduler } from './timer-scheduler';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [QueueSettings],
      useFactory: (settings: QueueSettings) => ({
        connection: redisConnectionFromUrl(settings.redisUrl),
        prefix: settings.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    // Producers (the queues) get a command deadline, so a stuck Redis fails a request instead of
    // holding it; workers keep the root connection without one, because their blocking reads
    // (BZPOPMIN) legitimately wait for jobs.
    BullModule.registerQueueAsync(
      ...ALL_QUEUES.map((name) => ({
        name,
        inject: [QueueSettings],
        useFactory: (settings: QueueSettings) => ({
          connection: { ...redisConnectionFromUrl(settings.redisUrl), commandTimeout: settings.commandTimeoutMs },
        }),
      })),
    ),
  ],
  providers: [TimerScheduler, DeliveryQueue, QueueProbe],
  exports: [BullModule, TimerScheduler, DeliveryQueue, QueueProbe],
})
export class QueuesModule {}
