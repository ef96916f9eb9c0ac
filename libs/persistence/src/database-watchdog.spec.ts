import { EventEmitter } from 'node:events';
import type { DatabaseProbe } from './database-probe';
import { DatabaseSettings } from './database-settings';
import { DatabaseWatchdog } from './database-watchdog';

class FakeClient extends EventEmitter {
  close = jest.fn(async () => undefined);
  connect = jest.fn(async () => this);
}

/** What the driver throws when it cannot select the server (its monitor lost it). */
function selectionError(message: string): Error {
  return Object.assign(new Error(message), { name: 'MongoServerSelectionError' });
}

function setUp(rebuildAfterMs = 30_000) {
  const client = new FakeClient();
  const probe = { probe: jest.fn(), probeFresh: jest.fn(), client } as unknown as jest.Mocked<DatabaseProbe> & { client: FakeClient };
  const settings = new DatabaseSettings({
    uri: 'mongodb://db/pact',
    serverSelectionTimeoutMs: 100,
    socketTimeoutMs: 1000,
    clientRebuildAfterMs: rebuildAfterMs,
    watchdogEveryMs: 1000,
  });
  const watchdog = new DatabaseWatchdog(probe, settings);
  return { watchdog, probe, client };
}

describe('DatabaseWatchdog', () => {
  afterEach(() => jest.useRealTimers());

  it('a usable client is left alone, and a fresh connection is not even tried', async () => {
    const { watchdog, probe, client } = setUp();
    probe.probe.mockResolvedValue(undefined);
    expect(await watchdog.check()).toBe('usable');
    expect(probe.probeFresh).not.toHaveBeenCalled();
    expect(client.close).not.toHaveBeenCalled();
  });

  it('a database down for everyone is waited for, however long: never counted as cut off', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setTimeout', 'clearTimeout'] });
    const { watchdog, probe, client } = setUp(1000);
    probe.probe.mockRejectedValue(selectionError('connect ECONNREFUSED'));
    probe.probeFresh.mockResolvedValue('down');
    for (const at of [0, 5000, 60_000]) {
      jest.setSystemTime(at);
      expect(await watchdog.check()).toBe('database-down');
    }
    expect(watchdog.cutOffSinceMs).toBeUndefined();
    expect(client.close).not.toHaveBeenCalled();
  });

  it('cut off while a fresh connection answers: rebuilt after the bound, in place, and counted', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setTimeout', 'clearTimeout'] });
    const { watchdog, probe, client } = setUp(30_000);
    probe.probe.mockRejectedValue(selectionError('read ECONNRESET'));
    probe.probeFresh.mockResolvedValue('answers');
    expect(await watchdog.check()).toBe('cut-off');
    jest.setSystemTime(29_999);
    expect(await watchdog.check()).toBe('cut-off');
    expect(client.close).not.toHaveBeenCalled();
    jest.setSystemTime(30_000);
    expect(await watchdog.check()).toBe('rebuilt');
    expect(client.close).toHaveBeenCalledWith(true);
    expect(client.connect).toHaveBeenCalled();
    expect(watchdog.rebuilds).toBe(1);
    // The new client gets its own bound before a second rebuild.
    jest.setSystemTime(40_000);
    expect(await watchdog.check()).toBe('cut-off');
    probe.probe.mockResolvedValue(undefined);
    expect(await watchdog.check()).toBe('usable');
    expect(watchdog.cutOffSinceMs).toBeUndefined();
  });

  it('the bound restarts when the database goes down for everyone in between', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setTimeout', 'clearTimeout'] });
    const { watchdog, probe, client } = setUp(30_000);
    probe.probe.mockRejectedValue(selectionError('read ECONNRESET'));
    probe.probeFresh.mockResolvedValueOnce('answers').mockResolvedValueOnce('down').mockResolvedValue('answers');
    expect(await watchdog.check()).toBe('cut-off');
    jest.setSystemTime(20_000);
    expect(await watchdog.check()).toBe('database-down');
    jest.setSystemTime(40_000);
    expect(await watchdog.check()).toBe('cut-off');
    expect(client.close).not.toHaveBeenCalled();
  });

  it('a query that is only slow (a busy database) is no cut-off: nothing is rebuilt, however long', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setTimeout', 'clearTimeout'] });
    const { watchdog, probe, client } = setUp(1000);
    probe.probe.mockReturnValue(new Promise(() => undefined)); // never answers: bounded by the selection timeout
    probe.probeFresh.mockResolvedValue('answers');
    expect(await watchdog.check()).toBe('busy');
    jest.setSystemTime(60_000);
    probe.probe.mockRejectedValue(Object.assign(new Error('connection 3 timed out'), { name: 'MongoNetworkTimeoutError' }));
    expect(await watchdog.check()).toBe('busy');
    expect(client.close).not.toHaveBeenCalled();
    expect(probe.probeFresh).not.toHaveBeenCalled();
  });

  it('a rebuilt client that cannot connect yet is connected again at the next check, not after another bound', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setTimeout', 'clearTimeout'] });
    const { watchdog, probe, client } = setUp(1000);
    probe.probe.mockRejectedValue(selectionError('read ECONNRESET'));
    probe.probeFresh.mockResolvedValue('answers');
    expect(await watchdog.check()).toBe('cut-off');
    jest.setSystemTime(1000);
    client.connect.mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    expect(await watchdog.check()).toBe('cut-off'); // closed, not connected
    expect(watchdog.rebuilds).toBe(0);
    probe.probe.mockRejectedValue(Object.assign(new Error('Client must be connected before running operations'), { name: 'MongoNotConnectedError' }));
    jest.setSystemTime(1500);
    expect(await watchdog.check()).toBe('rebuilt');
    expect(client.close).toHaveBeenCalledTimes(1);
    expect(client.connect).toHaveBeenCalledTimes(2);
    expect(watchdog.rebuilds).toBe(1);
  });

  it('readiness and the watchdog share one fresh look at the database for a second', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setTimeout', 'clearTimeout'] });
    const { watchdog, probe } = setUp();
    probe.probeFresh.mockResolvedValue('down');
    expect(await Promise.all([watchdog.reach(100), watchdog.reach(100)])).toEqual(['down', 'down']);
    expect(await watchdog.reach(100)).toBe('down');
    expect(probe.probeFresh).toHaveBeenCalledTimes(1);
    jest.setSystemTime(1500);
    probe.probeFresh.mockResolvedValue('answers');
    expect(await watchdog.reach(100)).toBe('answers');
  });

  it('checks do not overlap: a second call joins the one running', async () => {
    const { watchdog, probe } = setUp();
    let release!: () => void;
    probe.probe.mockReturnValue(new Promise<void>((r) => (release = r)));
    const [a, b] = [watchdog.check(), watchdog.check()];
    release();
    expect(await a).toBe('usable');
    expect(await b).toBe('usable');
    expect(probe.probe).toHaveBeenCalledTimes(1);
  });
});
