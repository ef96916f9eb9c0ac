import { EngineMetrics } from '@pact/engine';
import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { routeLabel } from './route-label';

/**
 * Express middleware timing every request (pact_http_request_duration_seconds) by method, route
 * template and status. Read when the response is finished: only then has the router set req.route
 * (guards and filters run inside the matched route, so a 401 or 403 still has its route).
 */
export function httpMetrics(metrics: EngineMetrics): (req: Request, res: Response, next: NextFunction) => void {
  const duration = new Histogram({
    name: 'pact_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  return (req, res, next) => {
    const end = duration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeLabel(req.baseUrl, req.route?.path), status: String(res.statusCode) }));
    next();
  };
}
