import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DeliveryQueue } from './delivery-queue';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { ALL_QUEUES } from './queue-names';
import { redisConnectionFromUrl } from './redis-connection';
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
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [TimerScheduler, DeliveryQueue],
  exports: [BullModule, TimerScheduler, DeliveryQueue],
})
export class QueuesModule {}
