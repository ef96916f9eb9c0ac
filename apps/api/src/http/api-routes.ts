import { RouterModule } from '@nestjs/core';
import { CyclesHttpModule } from '../cycles/cycles.module';
import { DeadlinesHttpModule } from '../deadlines/deadlines.module';
import { EvidenceFilesHttpModule } from '../evidence-files/evidence-files.module';
import { UsersHttpModule } from '../users/users.module';
import { NotificationsHttpModule } from '../notifications/notifications-http.module';
import { SubmissionsHttpModule } from '../submissions/submissions.module';
import { TasksHttpModule } from '../tasks/tasks.module';
import { WorkingGroupsHttpModule } from '../working-groups/working-groups.module';
import { IndicatorsHttpModule } from '../indicators/indicators.module';
import { API_PREFIX } from './api-paths';
import { ProgrammesHttpModule } from '../programmes/programmes.module';
import { HistoryHttpModule } from '../history/history.module';

export { API_PREFIX, isMachinePath, MACHINE_PATHS } from './api-paths';

/** The HTTP modules of the machine API, mounted under API_PREFIX (and documented in OpenAPI). */
export const API_HTTP_MODULES = [
  ProgrammesHttpModule,
  WorkingGroupsHttpModule,
  CyclesHttpModule,
  TasksHttpModule,
  SubmissionsHttpModule,
  EvidenceFilesHttpModule,
  DeadlinesHttpModule,
  UsersHttpModule,
  NotificationsHttpModule,
  IndicatorsHttpModule,
  HistoryHttpModule,
];

/**
 * A prefix per module (RouterModule) rather than a global prefix with exclusions: a new page
 * needs no entry in an exclusion list, and a new API module is one line above.
 */
export const ApiRoutes = RouterModule.register([{ path: API_PREFIX, children: API_HTTP_MODULES }]);
