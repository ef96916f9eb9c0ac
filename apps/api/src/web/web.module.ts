import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { resolve } from 'node:path';
import {
  CyclesModule,
  DeadlinesModule,
  DraftsModule,
  EngineSettings,
  HealthModule,
  IdentityModule,
  InboxModule,
  ObservationsModule,
  QuestionnairesModule,
  ReportsModule,
  SignInModule,
  SubmissionsModule,
  TasksModule,
  WebhooksModule,
  WorkingGroupsModule,
  ProgrammesModule,
} from '@pact/engine';
import { ReportRenderingModule } from '../reports/report-rendering.module';
import { loadPageCatalogs } from './i18n/page-catalogs';
import { CompiledReportPageController } from './pages/compiled-report.controller';
import { CyclePagesController } from './pages/cycles.controller';
import { ExtensionRequestsPageController } from './pages/extension-requests.controller';
import { HomeController } from './pages/home.controller';
import { MyTasksController } from './pages/my-tasks.controller';
import { OperationsController } from './pages/operations.controller';
import { PeoplePagesController } from './pages/people.controller';
import { QuestionnairePagesController } from './pages/questionnaires.controller';
import { OverduePageController } from './pages/overdue.controller';
import { SignInController } from './pages/sign-in.controller';
import { TaskReportPagesController } from './pages/task-report.controller';
import { TaskAnswersPagesController } from './pages/task-answers.controller';
import { StartCyclePageController } from './pages/start-cycle.controller';
import { TaskContextLoader } from './pages/task-context';
import { TaskPageController } from './pages/task.controller';
import { WorkingGroupPagesController } from './pages/working-groups.controller';
import { PageGuard } from './page.guard';
import { PageLocals, PAGE_CATALOGS } from './middleware/setUpLocals';
import { PageErrorFilter, PageErrors } from './page-error.filter';
import { mountPageChain, PageChain, UnmatchedPathFilter } from './web-app';
import { WebContext } from './web-context';

/** The page controllers, in the order their routes are tried. */
export const PAGE_CONTROLLERS = [
  SignInController,
  HomeController,
  MyTasksController,
  TaskPageController,
  TaskReportPagesController,
  TaskAnswersPagesController,
  // Before the cycle pages: /cycles/new is the form, not a cycle's id.
  StartCyclePageController,
  CyclePagesController,
  OverduePageController,
  ExtensionRequestsPageController,
  CompiledReportPageController,
  WorkingGroupPagesController,
  OperationsController,
  PeoplePagesController,
  QuestionnairePagesController,
];

/**
 * People's pages, served by the API process at the site's root (the JSON API is under /api).
 * Pages call engine services only. To add a page, see docs/architecture.md ("Adding a page").
 */
@Module({
  imports: [
    SignInModule,
    IdentityModule,
    InboxModule,
    WorkingGroupsModule,
    CyclesModule,
    DeadlinesModule,
    ReportsModule,
    SubmissionsModule,
    TasksModule,
    DraftsModule,
    WebhooksModule,
    HealthModule,
    QuestionnairesModule,
    ObservationsModule,
    ProgrammesModule,
    ReportRenderingModule,
  ],
  controllers: PAGE_CONTROLLERS,
  providers: [
    WebContext,
    PageLocals,
    PageErrors,
    PageErrorFilter,
    PageChain,
    UnmatchedPathFilter,
    PageGuard,
    TaskContextLoader,
    { provide: PAGE_CATALOGS, inject: [EngineSettings], useFactory: (settings: EngineSettings) => loadPageCatalogs(resolve(settings.localesDir)) },
  ],
  exports: [WebContext],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    mountPageChain(consumer, PAGE_CONTROLLERS);
  }
}
