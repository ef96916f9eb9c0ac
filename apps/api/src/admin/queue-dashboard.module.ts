import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { QueueAdapterOptions } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EngineSettings, IdentityModule, IdentityService, SessionService, SignInModule } from '@pact/engine';
import { ALL_QUEUES } from '@pact/engine';
import type { Queue } from 'bullmq';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter';
import { AuthModule } from '../auth/auth.module';
import { queueDashboardAuth } from '../auth/queue-dashboard-auth';
import { cookieNames } from '../web/cookies';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/** Bull Board's adapters read this option (the UI hides "retry" on completed jobs) but do not type it. */
const ADAPTER_OPTIONS = { allowCompletedRetries: false } as Partial<QueueAdapterOptions>;

/**
 * Bull Board over every queue of the engine, for operators: they may look, retry failed jobs
 * and clean completed or failed ones; every other action is refused by queueDashboardAuth.
 * Completed jobs are not offered for retry (a completed fan-out or compilation is done).
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [IdentityModule, SignInModule, AuthModule],
      inject: [IdentityService, SessionService, EngineSettings, AuthFailureLimiter, ...ALL_QUEUES.map((name) => getQueueToken(name))],
      useFactory: (identity: IdentityService, sessions: SessionService, settings: EngineSettings, failures: AuthFailureLimiter, ...queues: Queue[]) => {
        const byName = new Map(queues.map((q) => [q.name, q]));
        const jobState = async (queue: string, jobId: string) => (byName.has(queue) ? byName.get(queue)!.getJobState(jobId) : 'unknown');
        const sessionCookie = cookieNames(settings.publicUrl.startsWith('https:')).session;
        return {
          route: QUEUE_DASHBOARD_ROUTE,
          adapter: ExpressAdapter,
          middleware: queueDashboardAuth({ identity, sessions, sessionCookie, failures, route: QUEUE_DASHBOARD_ROUTE, jobState }),
          boardOptions: { uiConfig: { boardTitle: 'Pact queues' } },
        };
      },
    }),
    BullBoardModule.forFeature(...ALL_QUEUES.map((name) => ({ name, adapter: BullMQAdapter, options: ADAPTER_OPTIONS }))),
  ],
})
export class QueueDashboardModule {}
