import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { HealthService, ReadinessIndicators } from '@pact/engine';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { answerHealthCheck } from './health-answer';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly probes: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

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
    // Public: which store is down and how, never the driver's words (they name addresses and
    // databases); operators read those on the operations page.
    const { error: _mongo, ...mongo } = body.mongo;
    const { error: _redis, ...redis } = body.redis;
    return { ...body, mongo, redis };
  }

  /**
   * Liveness: the process answers. Nothing else is asked, so a store that is down makes the
   * process unready, never restarted (a restart would not bring the store back).
   */
  @Get('live')
  @Public()
  @ApiOkResponse({ description: '{ status: "ok", info: {}, error: {}, details: {} } (@nestjs/terminus)' })
  @ApiServiceUnavailableResponse({ description: 'terminus\'s body with status "error": only if the process cannot run its (empty) check' })
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return answerHealthCheck(this.probes.check([]), res);
  }

  /** Readiness for orchestrators: this process takes work (not draining), MongoDB and Redis answer in time. */
  @Get('ready')
  @Public()
  @ApiOkResponse({ description: '{ status: "ok", info: { process, mongo, redis }, error: {}, details } (@nestjs/terminus)' })
  @ApiServiceUnavailableResponse({ description: 'status "error"; `error` names what is down: process (draining), mongo or redis ("down" or "timeout")' })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return answerHealthCheck(this.probes.check([() => this.readiness.accepting(), () => this.readiness.mongo(), () => this.readiness.redis()]), res);
  }
}
