import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DrainState } from './drain-state';
import { HealthService } from './health.service';
import { ReadinessIndicators } from './readiness-indicators';

/**
 * GET /health's probe (HealthService), and the parts of the liveness and readiness probes
 * (@nestjs/terminus: its HealthCheckService is exported for the apps' endpoints).
 */
@Module({
  // Failing probes are answered, with what is down; logging each one too would repeat the watchdog's lines every few seconds.
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [HealthService, DrainState, ReadinessIndicators],
  exports: [HealthService, DrainState, ReadinessIndicators, TerminusModule],
})
export class HealthModule {}
