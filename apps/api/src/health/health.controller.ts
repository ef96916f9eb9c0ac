import { ApiTags } from '@nestjs/swagger';
import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Clock } from '@pact/domain';
import { CLOCK, QUEUE } from '@pact/queues';
import { Queue } from 'bullmq';
import { Public } from '../auth/auth.decorators';
import { Connection } from 'mongoose';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectQueue(QUEUE.Deadlines) private readonly deadlines: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Liveness of both stores, and the clock the engine runs on (simulated in demos and tests). */
  @Get()
  @Public()
  async check() {
    const mongo = await this.connection.db!.admin().ping().then(() => 'up', () => 'down');
    const redis = await this.deadlines.getJobCounts('waiting').then(() => 'up', () => 'down');
    const body = { status: mongo === 'up' && redis === 'up' ? 'ok' : 'degraded', mongo, redis, now: this.clock.now(), clock: this.clock.describe() };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
