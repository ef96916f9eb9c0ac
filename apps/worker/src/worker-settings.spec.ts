import { workerSettingsFrom } from './worker-settings';

describe('worker settings: the metrics port', () => {
  it('is off unless WORKER_METRICS_PORT is set, and listens on loopback by default', () => {
    expect(workerSettingsFrom({}).metrics).toBeUndefined();
    expect(workerSettingsFrom({ WORKER_METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(workerSettingsFrom({ WORKER_METRICS_PORT: '0', WORKER_METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ port: 0, host: '0.0.0.0' });
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => workerSettingsFrom({ WORKER_METRICS_PORT: '70000' })).toThrow(/WORKER_METRICS_PORT/);
    expect(() => workerSettingsFrom({ WORKER_METRICS_PORT: 'nine' })).toThrow(/WORKER_METRICS_PORT/);
  });
});

describe('worker settings: how old a reconciliation may be for readiness', () => {
  it('is three reconciliation periods unless RECONCILE_MAX_AGE_MS says otherwise', () => {
    expect(workerSettingsFrom({}).reconcileMaxAgeMs).toBe(180_000);
    expect(workerSettingsFrom({ RECONCILE_EVERY_MS: '1000' }).reconcileMaxAgeMs).toBe(3000);
    expect(workerSettingsFrom({ RECONCILE_EVERY_MS: '1000', RECONCILE_MAX_AGE_MS: '60000' }).reconcileMaxAgeMs).toBe(60_000);
  });

  it('refuses an age under a second, naming the variable', () => {
    expect(() => workerSettingsFrom({ RECONCILE_MAX_AGE_MS: '10' })).toThrow(/RECONCILE_MAX_AGE_MS/);
  });
});
