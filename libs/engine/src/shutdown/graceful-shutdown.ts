import { INestApplicationContext, Logger } from '@nestjs/common';
import { DrainState } from '../health/drain-state';

export interface DrainOptions {
  /** SHUTDOWN_TIMEOUT_MS: from the signal to the exit, whatever is still running. */
  timeoutMs: number;
  /**
   * What the process finishes before its modules close: the API its requests in flight, a worker
   * its jobs. It runs first because Nest closes the MongoDB and Redis clients in its shutdown hooks,
   * and work still running after that would fail halfway.
   */
  drain: () => Promise<void>;
  /** When the bound passes first: hand back what the process still holds (a worker's jobs), quickly. */
  abandon?: () => Promise<void>;
}

/** How long `abandon` may take at the bound: it is the last thing before the exit. */
const ABANDON_MS = 2000;

/**
 * SIGTERM (and SIGINT) drain the process, then exit: readiness answers 503 at once, the app's
 * own drain finishes its work in flight, the application closes (queues, database clients), and
 * the process exits 0. If that takes longer than `timeoutMs` it exits 1 anyway, after `abandon`:
 * an orchestrator's SIGKILL would otherwise come at its own time, with nothing handed back.
 * In place of Nest's enableShutdownHooks, which closes the modules first.
 */
export function drainOnSignals(app: INestApplicationContext, options: DrainOptions): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn(`${signal} again: still draining`);
      return;
    }
    started = true;
    app.get(DrainState).begin();
    logger.log(`${signal}: draining, at most ${options.timeoutMs} ms`);
    const bound = setTimeout(() => {
      logger.error(`not drained within SHUTDOWN_TIMEOUT_MS (${options.timeoutMs} ms): exiting`);
      const abandon = options.abandon?.().catch((err: Error) => logger.error(`could not hand back what was held: ${err.message}`));
      let capped: NodeJS.Timeout | undefined;
      const cap = new Promise((resolve) => (capped = setTimeout(resolve, ABANDON_MS)));
      void Promise.race([abandon, cap]).finally(() => {
        clearTimeout(capped);
        process.exit(1);
      });
    }, options.timeoutMs);
    (async () => {
      await options.drain();
      await app.close();
    })().then(
      () => {
        clearTimeout(bound);
        logger.log('drained: exiting');
        process.exit(0);
      },
      (err: Error) => {
        clearTimeout(bound);
        logger.error(`drain failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
