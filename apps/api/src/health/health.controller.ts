import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthService } from '@pact/engine';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Readiness: both stores answer a real query in time (200), or which one does not and how
   * (503, the same body, with Retry-After); also the clock the engine runs on (simulated in demos and tests).
   */
  @Get()
  @Public()
  @ApiOkResponse({ description: '{ status: "ok", mongo: { status, ms }, redis: { status, ms }, now, clock }' })
  @ApiServiceUnavailableResponse({ description: 'the same body with status "degraded", naming the store that is "down" or "timeout"' })
  async check(@Res({ passthrough: true }) res: Response) {
    const body = await this.health.check();
    if (body.status !== 'ok') res.status(503).setHeader('Retry-After', '5');
    return body;
  }
}
