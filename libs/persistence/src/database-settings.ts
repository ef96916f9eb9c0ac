/**
 * How to reach MongoDB (MONGODB_URI, MONGODB_SERVER_SELECTION_TIMEOUT_MS, MONGODB_SOCKET_TIMEOUT_MS)
 * and how this process keeps its client usable (MONGODB_CLIENT_REBUILD_AFTER_MS,
 * MONGODB_WATCHDOG_EVERY_MS). Built once from the validated environment by the engine's
 * configuration, which provides it; the class is its injection token.
 */
export class DatabaseSettings {
  readonly uri: string;
  readonly serverSelectionTimeoutMs: number;
  readonly socketTimeoutMs: number;
  /** This process's client unusable this long while a new connection answers: rebuild it. */
  readonly clientRebuildAfterMs: number;
  readonly watchdogEveryMs: number;

  constructor(values: DatabaseSettings) {
    Object.assign(this, values);
  }
}
