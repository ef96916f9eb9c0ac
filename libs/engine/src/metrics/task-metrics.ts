import { Injectable, Logger } from '@nestjs/common';
import { TaskRepository } from '@pact/persistence';
import { Gauge } from 'prom-client';
import { EngineSettings } from '../config/settings';
import { EngineMetrics } from './engine-metrics';

type Counts = { programme: string; status: string; count: number }[];

/**
 * Tasks by status per programme, counted when Prometheus scrapes: one aggregate over the tasks,
 * reused for METRICS_CACHE_MS so that many scrapers (or a scrape storm) cost one query. Only the
 * API registers it (one process answering is enough; a worker would report the same numbers).
 */
@Injectable()
export class TaskMetrics {
  private readonly logger = new Logger(TaskMetrics.name);
  private cached?: { at: number; rows: Counts };
  private pending?: Promise<Counts>;
  private registered = false;

  constructor(
    private readonly tasks: TaskRepository,
    private readonly metrics: EngineMetrics,
    private readonly settings: EngineSettings,
  ) {}

  register(): void {
    if (this.registered) return;
    this.registered = true;
    // A database that does not answer costs this gauge its series, not the whole scrape: the
    // request and process metrics matter most exactly then.
    const counts = () =>
      this.counts().catch((err: Error) => {
        this.logger.warn(`tasks not counted for metrics: ${err.message}`);
        return [];
      });
    new Gauge({
      name: 'pact_tasks',
      help: 'Tasks by programme and status, counted at scrape time (cached for METRICS_CACHE_MS).',
      labelNames: ['programme', 'status'] as const,
      registers: [this.metrics.registry],
      async collect() {
        const rows = await counts();
        // Statuses no task has any more vanish instead of keeping their last count.
        this.reset();
        for (const r of rows) this.set({ programme: r.programme, status: r.status }, r.count);
      },
    });
  }

  private async counts(): Promise<Counts> {
    if (this.cached && Date.now() - this.cached.at < this.settings.metricsCacheMs) return this.cached.rows;
    // Concurrent scrapes share the one query in flight.
    this.pending ??= this.tasks
      .countByProgrammeAndStatus()
      .then((rows) => {
        this.cached = { at: Date.now(), rows };
        return rows;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}
