/** The route label of requests that matched no route (404s, probes of random paths): one series, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template a request matched (`/api/cycles/:id`), never its URL: ids in URLs would make
 * a series per task. `baseUrl` is where the router that matched is mounted (empty for Nest's own).
 */
export function routeLabel(baseUrl: string | undefined, routePath: unknown): string {
  if (typeof routePath !== 'string') return UNMATCHED_ROUTE;
  const full = `${baseUrl ?? ''}${routePath}`;
  return full.length > 1 ? full.replace(/\/+$/, '') : full || '/';
}
