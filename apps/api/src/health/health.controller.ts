import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthService } from '@pact/engine';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Readiness: both stores answer a real query in time (200), or which one does not and how
   * (503); also the clock the engine runs on (simulated in demos and tests).
   */
  @Get()
  @Public()
  async check() {
    const body = await this.health.check();
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
