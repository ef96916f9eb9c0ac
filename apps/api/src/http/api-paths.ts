/**
 * The JSON API lives under /api; people's pages own every other path. (Kept free of imports, so
 * any file may use it without an import cycle.)
 */
export const API_PREFIX = '/api';

/**
 * Paths that answer machines (JSON, iCalendar) or bring their own UI (API docs, queue dashboard):
 * the rest of the site is pages. /health and /metrics stay at the root for load balancers and compose; the
 * calendar feed too, because its URLs live on in people's calendar applications.
 */
export const MACHINE_PATHS = [API_PREFIX, '/health', '/metrics', '/admin/queues', '/calendar'];

export function isMachinePath(path: string): boolean {
  return MACHINE_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}
