import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { EngineModule, IdentityModule } from '@pact/engine';
import { QueueDashboardModule } from './admin/queue-dashboard.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { TokenThrottlerGuard } from './auth/throttle.guard';
import { CyclesHttpModule } from './cycles/cycles.module';
import { HealthController } from './health/health.controller';
import { IdentityHttpModule } from './identity/identity-http.module';
import { NotificationsHttpModule } from './notifications/notifications-http.module';
import { TasksHttpModule } from './tasks/tasks.module';
import { WorkingGroupsHttpModule } from './working-groups/working-groups.module';

@Module({
  imports: [
    EngineModule,
    IdentityModule,
    AuthModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ throttlers: [{ name: 'per-token', ttl: 60_000, limit: Number(config.get('RATE_LIMIT_PER_MINUTE')) }] }),
    }),
    WorkingGroupsHttpModule,
    CyclesHttpModule,
    TasksHttpModule,
    IdentityHttpModule,
    NotificationsHttpModule,
    QueueDashboardModule,
  ],
  controllers: [HealthController],
  providers: [
    // Order matters: authenticate first, then count the request against its token.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: TokenThrottlerGuard },
  ],
})
export class ApiModule {}
