import type { TaskRepository } from '@pact/persistence';
import type { EngineSettings } from '../config/settings';
import { EngineMetrics } from './engine-metrics';
import { TaskMetrics } from './task-metrics';

function setUp(metricsCacheMs: number, count: () => Promise<{ programme: string; status: string; count: number }[]>) {
  const tasks = { countByProgrammeAndStatus: jest.fn(count) };
  const metrics = new EngineMetrics({ metricsProcess: false } as never);
  new TaskMetrics(tasks as unknown as TaskRepository, metrics, { metricsCacheMs } as EngineSettings).register();
  return { tasks, metrics };
}

describe('TaskMetrics', () => {
  it('counts tasks by programme and status, once for all scrapes within METRICS_CACHE_MS', async () => {
    const { tasks, metrics } = setUp(30_000, async () => [
      { programme: 'pact', status: 'open', count: 7 },
      { programme: 'charter', status: 'overdue', count: 2 },
    ]);
    const [first, second] = await Promise.all([metrics.text(), metrics.text()]);
    await metrics.text();
    expect(first).toContain('pact_tasks{programme="pact",status="open"} 7');
    expect(second).toContain('pact_tasks{programme="charter",status="overdue"} 2');
    expect(tasks.countByProgrammeAndStatus).toHaveBeenCalledTimes(1);
  });

  it('counts afresh on every scrape with no cache, and drops statuses no task has any more', async () => {
    let open = 3;
    const { tasks, metrics } = setUp(0, async () => (open ? [{ programme: 'pact', status: 'open', count: open }] : []));
    expect(await metrics.text()).toContain('pact_tasks{programme="pact",status="open"} 3');
    open = 0;
    expect(await metrics.text()).not.toContain('pact_tasks{');
    expect(tasks.countByProgrammeAndStatus).toHaveBeenCalledTimes(2);
  });

  it('leaves the rest of the scrape alone when the database does not answer', async () => {
    const { metrics } = setUp(0, () => Promise.reject(new Error('connection refused')));
    metrics.deliveries.inc({ channel: 'email', outcome: 'delivered' });
    const text = await metrics.text();
    expect(text).not.toContain('pact_tasks{');
    expect(text).toContain('pact_deliveries_total{channel="email",outcome="delivered"} 1');
  });
});
