import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiLanguageInterceptor } from './http/api-language';
import { ThrottlerModule } from '@nestjs/throttler';
import { EngineModule, IdentityModule, LogsModule } from '@pact/engine';
import { QueueDashboardModule } from './admin/queue-dashboard.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { TokenThrottlerGuard } from './auth/throttle.guard';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { API_HTTP_MODULES, ApiRoutes } from './http/api-routes';
import { CalendarFeedHttpModule } from './notifications/calendar-feed-http.module';
import { WebModule } from './web/web.module';
import { ApiSettings, ApiSettingsModule } from './config/api-settings';

@Module({
  imports: [
    LogsModule.forRoot('api'),
    ApiSettingsModule,
    EngineModule,
    IdentityModule,
    AuthModule,
    ThrottlerModule.forRootAsync({
      inject: [ApiSettings],
      useFactory: (settings: ApiSettings) => ({ throttlers: [{ name: 'per-token', ttl: 60_000, limit: settings.rateLimitPerMinute }] }),
    }),
    ...API_HTTP_MODULES,
    ApiRoutes,
    CalendarFeedHttpModule,
    QueueDashboardModule,
    WebModule,
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    // Order matters: authenticate first, then count the request against its token.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: TokenThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: ApiLanguageInterceptor },
  ],
})
export class ApiModule {}
