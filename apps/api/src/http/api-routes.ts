import { RouterModule } from '@nestjs/core';
import { CyclesHttpModule } from '../cycles/cycles.module';
import { IdentityHttpModule } from '../identity/identity-http.module';
import { NotificationsHttpModule } from '../notifications/notifications-http.module';
import { TasksHttpModule } from '../tasks/tasks.module';
import { WorkingGroupsHttpModule } from '../working-groups/working-groups.module';

/**
 * The JSON API lives under /api; people's pages own every other path. A prefix per module
 * (RouterModule) rather than a global prefix with exclusions: a new page needs no entry in an
 * exclusion list, and a new API module is one line here.
 */
export const API_PREFIX = '/api';

/** The HTTP modules of the machine API, mounted under API_PREFIX (and documented in OpenAPI). */
export const API_HTTP_MODULES = [WorkingGroupsHttpModule, CyclesHttpModule, TasksHttpModule, IdentityHttpModule, NotificationsHttpModule];

export const ApiRoutes = RouterModule.register([{ path: API_PREFIX, children: API_HTTP_MODULES }]);

/**
 * Paths that answer machines (JSON, iCalendar) or bring their own UI (API docs, queue dashboard):
 * the rest of the site is pages. /health stays at the root for load balancers and compose; the
 * calendar feed too, because its URLs live on in people's calendar applications.
 */
export const MACHINE_PATHS = [API_PREFIX, '/health', '/admin/queues', '/calendar'];

export function isMachinePath(path: string): boolean {
  return MACHINE_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}
