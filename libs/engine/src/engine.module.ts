import { Module } from '@nestjs/common';
import { CalendarModule } from './calendar/calendar.module';
import { EngineInfrastructureModule } from './infrastructure.module';
import { CyclesModule } from './cycles/cycles.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { FanOutModule } from './fan-out/fan-out.module';
import { HealthModule } from './health/health.module';
import { TasksModule } from './tasks/tasks.module';
import { IdentityModule } from './identity/identity.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { QuestionnairesModule } from './questionnaires/questionnaires.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { ObservationsModule } from './observations/observations.module';
import { ReportsModule } from './reports/reports.module';
import { SignInModule } from './sign-in/sign-in.module';
import { InboxModule } from './inbox/inbox.module';
import { DraftsModule } from './drafts/drafts.module';
import { EvidenceFilesModule } from './evidence-files/evidence-files.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkingGroupsModule } from './working-groups/working-groups.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { HistoryModule } from './history/history.module';

const capabilities = [
  ProgrammesModule,
  WorkingGroupsModule,
  CyclesModule,
  FanOutModule,
  DeadlinesModule,
  SubmissionsModule,
  ReportsModule,
  ReconciliationModule,
  IdentityModule,
  WebhooksModule,
  CalendarModule,
  SignInModule,
  InboxModule,
  DraftsModule,
  HealthModule,
  TasksModule,
  QuestionnairesModule,
  IndicatorsModule,
  ObservationsModule,
  EvidenceFilesModule,
  HistoryModule,
];

/** Infrastructure (config, clock, MongoDB, Redis queues, notifications) plus one module per capability. */
@Module({
  imports: [EngineInfrastructureModule, ...capabilities],
  exports: capabilities,
})
export class EngineModule {}
