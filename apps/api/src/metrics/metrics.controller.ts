import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EngineMetrics } from '@pact/engine';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';

/**
 * Prometheus' scrape address: operators only (a scraper sends an operator's API token as its
 * bearer token). Not in the OpenAPI document: it is the Prometheus text format, not JSON;
 * docs/operations/metrics.md describes it.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: EngineMetrics) {}

  @Get()
  @Roles('operator')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.metrics.text();
    res.type(this.metrics.contentType);
    return body;
  }
}
