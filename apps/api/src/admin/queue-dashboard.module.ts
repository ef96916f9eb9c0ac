import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IdentityModule, IdentityService, SessionService, SignInModule } from '@pact/engine';
import { ALL_QUEUES } from '@pact/engine';
import { queueDashboardAuth } from '../auth/queue-dashboard-auth';
import { cookieNames } from '../web/cookies';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/** Bull Board over every queue of the engine, for operators (who may retry and clean jobs). */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [IdentityModule, SignInModule],
      inject: [IdentityService, SessionService, ConfigService],
      useFactory: (identity: IdentityService, sessions: SessionService, config: ConfigService) => ({
        route: QUEUE_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: queueDashboardAuth(identity, sessions, cookieNames(config.getOrThrow<string>('PUBLIC_URL').startsWith('https:')).session),
        boardOptions: { uiConfig: { boardTitle: 'Pact queues' } },
      }),
    }),
    BullBoardModule.forFeature(...ALL_QUEUES.map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueDashboardModule {}
