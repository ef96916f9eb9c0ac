import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EngineMetrics } from '@pact/engine';
import { QueueProbe } from '@pact/queues';
import type { Job } from 'bullmq';
import { Counter, Gauge, Histogram } from 'prom-client';
import { attemptSeconds, jobLabel } from './job-labels';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * The worker's metrics: job attempts (recorded by LoggedWorkerHost, where every processor's
 * events arrive), its queues' sizes read at scrape time, and the timers the reconciler last found
 * owed. Served by WorkerPort on WORKER_METRICS_PORT.
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit {
  private readonly logger = new Logger(WorkerMetrics.name);

  private readonly jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly jobFailures: Counter<'queue' | 'job'>;
  private readonly timersOwed: Gauge;

  constructor(
    private readonly metrics: EngineMetrics,
    queues: QueueProbe,
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

  onModuleInit(): void {
    this.metrics.start('worker');
  }

  /** The exposition text and its content type, for WorkerPort's GET /metrics. */
  text(): Promise<string> {
    return this.metrics.text();
  }

  get contentType(): string {
    return this.metrics.contentType;
  }
}
