import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DeliveryQueue } from './delivery-queue';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { ALL_QUEUES } from './queue-names';
import { redisConnectionFromUrl } from './redis-connection';
import { QueueProbe } from './queue-probe';
import { TimerScheduler } from './timer-scheduler';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        connection: redisConnectionFromUrl(config.getOrThrow<string>('REDIS_URL')),
        prefix: config.getOrThrow<string>('QUEUE_PREFIX'),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    // Producers (the queues) get a command deadline, so a stuck Redis fails a request instead of
    // holding it; workers keep the root connection without one, because their blocking reads
    // (BZPOPMIN) legitimately wait for jobs.
    BullModule.registerQueueAsync(
      ...ALL_QUEUES.map((name) => ({
        name,
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          connection: { ...redisConnectionFromUrl(config.getOrThrow<string>('REDIS_URL')), commandTimeout: Number(config.get('REDIS_COMMAND_TIMEOUT_MS') ?? 5000) },
        }),
      })),
    ),
  ],
  providers: [TimerScheduler, DeliveryQueue, QueueProbe],
  exports: [BullModule, TimerScheduler, DeliveryQueue, QueueProbe],
})
export class QueuesModule {}
