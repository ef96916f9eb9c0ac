import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EngineMetrics } from '@pact/engine';
import { QueueProbe } from '@pact/queues';
import type { Job } from 'bullmq';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram } from 'prom-client';
import { WORKER_SETTINGS, WorkerSettings } from '../worker-settings';
import { attemptSeconds, jobLabel } from './job-labels';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * The worker's metrics: job attempts (recorded by LoggedWorkerHost, where every processor's
 * events arrive), its queues' sizes read at scrape time, and the timers the reconciler last found
 * owed. Served on WORKER_METRICS_PORT (loopback by default, no authentication): a worker has no
 * HTTP API and no token guard of its own.
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetrics.name);
  private server?: Server;

  private readonly jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly jobFailures: Counter<'queue' | 'job'>;
  private readonly timersOwed: Gauge;

  constructor(
    private readonly metrics: EngineMetrics,
    queues: QueueProbe,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {
    const registers = [metrics.registry];
    const logger = this.logger;
    this.jobDuration = new Histogram({
      name: 'pact_job_duration_seconds',
      help: 'How long job attempts ran, by queue, job name and outcome (completed, failed).',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.jobFailures = new Counter({
      name: 'pact_job_failures_total',
      help: 'Failed job attempts by queue and job name (retried ones included).',
      labelNames: ['queue', 'job'],
      registers,
    });
    this.timersOwed = new Gauge({
      name: 'pact_timers_owed',
      help: 'Task timers MongoDB says should exist, as the last reconciliation in this worker counted them.',
      registers,
    });
    new Gauge({
      name: 'pact_queue_jobs',
      help: 'Jobs per queue and state, read from Redis at scrape time.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        // Redis not answering costs this gauge its series (stale sizes would mislead), not the whole scrape.
        this.reset();
        const counts = await queues.counts().catch((err: Error) => {
          logger.warn(`queue sizes not read for metrics: ${err.message}`);
          return [];
        });
        for (const c of counts) for (const state of QUEUE_STATES) this.set({ queue: c.name, state }, c[state]);
      },
    });
  }

  /** A job attempt ended: its duration, and a failure when it failed. */
  recordAttempt(job: Job | undefined, outcome: 'completed' | 'failed'): void {
    const labels = { queue: job?.queueName ?? 'unknown', job: jobLabel(job?.name) };
    if (outcome === 'failed') this.jobFailures.inc(labels);
    const seconds = attemptSeconds(job, Date.now());
    if (seconds !== undefined) this.jobDuration.observe({ ...labels, outcome }, seconds);
  }

  recordTimersOwed(count: number): void {
    this.timersOwed.set(count);
  }

  async onModuleInit(): Promise<void> {
    this.metrics.start('worker');
    const at = this.settings.metrics;
    if (!at) return;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.metrics.text().then(
        (body) => res.writeHead(200, { 'Content-Type': this.metrics.contentType }).end(body),
        (err: Error) => {
          this.logger.warn(`metrics scrape failed: ${err.message}`);
          res.writeHead(503).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(at.port, at.host, () => resolve());
    });
    this.logger.log(`metrics on http://${at.host}:${this.port}/metrics`);
  }

  /** The port the metrics endpoint listens on (useful with WORKER_METRICS_PORT=0), or undefined. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
