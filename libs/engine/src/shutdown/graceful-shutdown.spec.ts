import type { INestApplicationContext } from '@nestjs/common';
import { DrainState } from '../health/drain-state';
import { drainOnSignals } from './graceful-shutdown';

describe('drainOnSignals', () => {
  let exit: jest.SpyInstance;
  let before: { SIGTERM: NodeJS.SignalsListener[]; SIGINT: NodeJS.SignalsListener[] };
  const state = new DrainState();
  const steps: string[] = [];
  const app = { get: () => state, close: jest.fn(async () => void steps.push('close')) } as unknown as INestApplicationContext & { close: jest.Mock };
  const exited = () => new Promise<number>((resolve) => exit.mockImplementation((code: number) => resolve(code) as never));

  beforeEach(() => {
    steps.length = 0;
    app.close.mockClear();
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  });
  afterEach(() => {
    // Only the listeners this test added.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) for (const l of process.listeners(signal)) if (!before[signal].includes(l)) process.off(signal, l);
    exit.mockRestore();
  });

  it("on SIGTERM: unready at once, the app's drain, then the modules close, then exit 0", async () => {
    let finish!: () => void;
    drainOnSignals(app, { timeoutMs: 5000, drain: () => new Promise<void>((r) => (finish = r)).then(() => void steps.push('drain')) });
    const code = exited();
    process.emit('SIGTERM', 'SIGTERM');
    expect(new DrainState().draining).toBe(false);
    expect(state.draining).toBe(true);
    expect(app.close).not.toHaveBeenCalled();
    // A second signal changes nothing.
    process.emit('SIGTERM', 'SIGTERM');
    finish();
    expect(await code).toBe(0);
    expect(steps).toEqual(['drain', 'close']);
  });

  it('when the drain outlasts the bound: hands back what is held, exits 1, and never closes the modules under running work', async () => {
    const abandon = jest.fn(async () => void steps.push('abandon'));
    drainOnSignals(app, { timeoutMs: 50, drain: () => new Promise<void>(() => undefined), abandon });
    const code = exited();
    process.emit('SIGINT', 'SIGINT');
    expect(await code).toBe(1);
    expect(steps).toEqual(['abandon']);
  });
});
