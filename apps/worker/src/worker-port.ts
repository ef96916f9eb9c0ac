import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbeAnswer, WorkerHealth } from './health/worker-health';
import { WorkerMetrics } from './metrics/worker-metrics';
import { WORKER_SETTINGS, WorkerSettings } from './worker-settings';

/**
 * The worker's one small HTTP server, on WORKER_METRICS_PORT: GET /metrics (Prometheus),
 * /health/live and /health/ready (the orchestrator's probes). Loopback by default and without
 * authentication: a worker has no HTTP API and no token guard of its own. It stays up while the
 * worker drains, so readiness can say "draining" until the process exits.
 */
@Injectable()
export class WorkerPort implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerPort.name);
  private server?: Server;

  constructor(
    private readonly metrics: WorkerMetrics,
    private readonly health: WorkerHealth,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    const at = this.settings.metrics;
    if (!at) return;
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(at.port, at.host, () => resolve());
    });
    this.logger.log(`metrics and health on http://${at.host}:${this.port}/metrics, /health/live, /health/ready`);
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url?.split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    if (path === '/metrics') {
      this.metrics.text().then(
        (body) => res.writeHead(200, { 'Content-Type': this.metrics.contentType }).end(body),
        (err: Error) => {
          this.logger.warn(`metrics scrape failed: ${err.message}`);
          res.writeHead(503).end();
        },
      );
      return;
    }
    const probe = path === '/health/live' ? () => this.health.live() : path === '/health/ready' ? () => this.health.ready() : undefined;
    if (!probe) {
      res.writeHead(404).end();
      return;
    }
    probe().then(
      (a: ProbeAnswer) => res.writeHead(a.status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(a.body)),
      (err: Error) => {
        this.logger.warn(`health probe failed: ${err.message}`);
        res.writeHead(503).end();
      },
    );
  }

  /** The port it listens on (useful with WORKER_METRICS_PORT=0), or undefined. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
