import { Module } from '@nestjs/common';
import { CyclesModule, DeadlinesModule, DraftsModule, IdentityModule, InboxModule, ReportsModule, SignInModule, SubmissionsModule, TasksModule, WorkingGroupsModule } from '@pact/engine';
import { ReportRenderingModule } from '../reports/report-rendering.module';
import { loadPageCatalogs } from './i18n/page-catalogs';
import { CyclePagesController } from './pages/cycles.controller';
import { HomeController } from './pages/home.controller';
import { MyTasksController } from './pages/my-tasks.controller';
import { OperationsController } from './pages/operations.controller';
import { SignInController } from './pages/sign-in.controller';
import { ReportPagesController } from './pages/report.controller';
import { TaskContextLoader } from './pages/task-context';
import { TaskPageController } from './pages/task.controller';
import { PageGuard } from './page.guard';
import { PAGE_CATALOGS, WebContext } from './web-context';
import { LOCALES_DIR } from './web-files';

/**
 * People's pages, served by the API process at the site's root (the JSON API is under /api).
 * Pages call engine services only. To add a page, see docs/architecture.md ("Adding a page").
 */
@Module({
  imports: [SignInModule, IdentityModule, InboxModule, WorkingGroupsModule, CyclesModule, ReportsModule, SubmissionsModule, TasksModule, DraftsModule, DeadlinesModule, ReportRenderingModule],
  controllers: [SignInController, HomeController, MyTasksController, TaskPageController, ReportPagesController, CyclePagesController, OperationsController],
  providers: [WebContext, PageGuard, TaskContextLoader, { provide: PAGE_CATALOGS, useFactory: () => loadPageCatalogs(LOCALES_DIR) }],
  exports: [WebContext],
})
export class WebModule {}
