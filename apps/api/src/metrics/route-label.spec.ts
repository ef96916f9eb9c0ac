import { routeLabel, UNMATCHED_ROUTE } from './route-label';

describe('routeLabel', () => {
  it('is the route template, with the mount point of the router that matched', () => {
    expect(routeLabel('', '/api/cycles/:id')).toBe('/api/cycles/:id');
    expect(routeLabel('/admin/queues', '/api/queues')).toBe('/admin/queues/api/queues');
    expect(routeLabel(undefined, '/health')).toBe('/health');
  });

  it('drops a trailing slash and keeps the root', () => {
    expect(routeLabel('', '/api/cycles/')).toBe('/api/cycles');
    expect(routeLabel('', '/')).toBe('/');
    expect(routeLabel('', '')).toBe('/');
  });

  it('names every request that matched no route alike, whatever its URL', () => {
    expect(routeLabel('', undefined)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('/api', /regexp/)).toBe(UNMATCHED_ROUTE);
  });
});
