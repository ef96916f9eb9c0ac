/**
 * How to reach MongoDB (MONGODB_URI, MONGODB_SERVER_SELECTION_TIMEOUT_MS, MONGODB_SOCKET_TIMEOUT_MS).
 * Built once from the validated environment by the engine's configuration, which provides it;
 * the class is its injection token.
 */
export class DatabaseSettings {
  readonly uri: string;
  readonly serverSelectionTimeoutMs: number;
  readonly socketTimeoutMs: number;

  constructor(values: DatabaseSettings) {
    Object.assign(this, values);
  }
}
