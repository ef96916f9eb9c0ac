import { HealthIndicatorService } from '@nestjs/terminus';
import { DrainState } from './drain-state';
import type { HealthService } from './health.service';
import { ReadinessIndicators } from './readiness-indicators';

function indicatorsOver(health: Partial<Record<keyof HealthService, jest.Mock>>, drain = new DrainState()) {
  return new ReadinessIndicators(health as unknown as HealthService, new HealthIndicatorService(), drain);
}

describe('ReadinessIndicators', () => {
  it('says the process takes work until it drains', async () => {
    const drain = new DrainState();
    const readiness = indicatorsOver({}, drain);
    expect(await readiness.accepting()).toEqual({ process: { status: 'up' } });
    drain.begin();
    expect(await readiness.accepting()).toEqual({ process: { status: 'down', state: 'draining' } });
  });

  it("names a store that is down and why, never the driver's message", async () => {
    const readiness = indicatorsOver({
      databaseHealth: jest
        .fn()
        .mockResolvedValue({ status: 'down', ms: 12, error: 'connect ECONNREFUSED 10.0.0.7:27017', cause: 'database-down', clientRebuilds: 0 }),
      redisHealth: jest.fn().mockResolvedValue({ status: 'timeout', ms: 2000 }),
    });
    expect(await readiness.mongo()).toEqual({ mongo: { status: 'down', state: 'down', ms: 12, cause: 'database-down' } });
    expect(await readiness.redis()).toEqual({ redis: { status: 'down', state: 'timeout', ms: 2000 } });
  });

  it('says a store is up with how long it took', async () => {
    const readiness = indicatorsOver({
      databaseHealth: jest.fn().mockResolvedValue({ status: 'up', ms: 3, clientRebuilds: 1 }),
      redisHealth: jest.fn().mockResolvedValue({ status: 'up', ms: 1 }),
    });
    expect(await readiness.mongo()).toEqual({ mongo: { status: 'up', ms: 3 } });
    expect(await readiness.redis()).toEqual({ redis: { status: 'up', ms: 1 } });
  });

  it('wants a reconciliation within the age given: recent is up; old, none or unreadable is down', async () => {
    const last = jest.fn();
    const readiness = indicatorsOver({ lastReconciled: last });
    last.mockResolvedValue(Date.now() - 1000);
    expect(await readiness.reconciler(60_000)).toEqual({ reconciler: { status: 'up', ageMs: expect.any(Number) } });
    last.mockResolvedValue(Date.now() - 120_000);
    expect(await readiness.reconciler(60_000)).toEqual({ reconciler: { status: 'down', state: 'stale', ageMs: expect.any(Number), maxAgeMs: 60_000 } });
    last.mockResolvedValue(null);
    expect(await readiness.reconciler(60_000)).toEqual({ reconciler: { status: 'down', state: 'never', ageMs: null, maxAgeMs: 60_000 } });
    last.mockResolvedValue('timeout');
    expect(await readiness.reconciler(60_000)).toEqual({ reconciler: { status: 'down', state: 'timeout', maxAgeMs: 60_000 } });
  });
});
