import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { EngineSettings } from '../config/settings';

/** Which process a series comes from: each has its own registry and its own scrape address. */
export type MetricsProcess = 'api' | 'worker';

/**
 * The process's Prometheus registry (one per Nest application, never prom-client's global one:
 * the tests run an API and a worker in one Node process, and each must report only its own
 * numbers), and the metrics the engine itself records. Each app adds its own (HTTP requests in
 * the API, jobs and queues in the worker) to this registry. docs/operations/metrics.md lists them.
 */
@Injectable()
export class EngineMetrics {
  readonly registry = new Registry();
  private started = false;

  constructor(private readonly settings: EngineSettings) {}

  /** Every attempt at a delivery, by channel (email, webhook) and outcome (delivered, logged, retry, failed, held, skipped). */
  readonly deliveries = new Counter({
    name: 'pact_deliveries_total',
    help: 'Delivery attempts by channel and outcome (retry: failed, will be tried again; failed: failed for good).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  /**
   * Labels every series with its process and starts the process metrics (CPU, memory, event
   * loop, GC). Once per application, from its bootstrap: a second call changes nothing.
   */
  start(process: MetricsProcess): void {
    if (this.started) return;
    this.started = true;
    this.registry.setDefaultLabels({ process });
    if (this.settings.metricsProcess) collectDefaultMetrics({ register: this.registry, prefix: 'pact_' });
  }

  /** The Prometheus text exposition of every metric (scrape-time ones are read now). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
