import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { mongo } from 'mongoose';
import { DatabaseProbe, DatabaseReach } from './database-probe';
import { DatabaseSettings } from './database-settings';

/** What one check found. */
export type ClientCondition =
  /** This process's client served a query. */
  | 'usable'
  /** Neither this process's client nor a new connection gets an answer: the database is down; wait. */
  | 'database-down'
  /** A new connection gets answers, this process's client does not (not yet for long enough to rebuild). */
  | 'cut-off'
  /** Cut off for longer than MONGODB_CLIENT_REBUILD_AFTER_MS: the client was closed and connected anew. */
  | 'rebuilt'
  /** The server is selected but a query gets no answer in time: a busy database, not a cut-off client. */
  | 'busy';

/** How long a fresh connection's answer (`reach`) is reused. */
const REACH_REUSE_MS = 1000;

/** The driver's "no server to send this to" (and a client closed by a rebuild, not connected yet). */
function cannotSelectServer(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name ?? '';
  return ['MongoServerSelectionError', 'MongoNotConnectedError', 'MongoTopologyClosedError'].includes(name);
}

/**
 * The last line of defence of "every process heals itself" (docs/architecture.md): the driver reconnects on
 * its own after the database restarts, and this checks that it did. Every
 * MONGODB_WATCHDOG_EVERY_MS it runs the readiness probe through this process's client; when that
 * fails, a brand-new connection tells a database that is down (wait) from a client that is cut
 * off from a database answering others. Cut off for MONGODB_CLIENT_REBUILD_AFTER_MS, the client is
 * closed and connected again in place, so every model and repository keeps working through it
 * (a process restart would do the same for the database, and lose the requests in flight).
 *
 * It also logs the driver's view of the server (SDAM events): when it became unreachable and why,
 * pools cleared, failed heartbeats (debug), so a cut-off client can be told from a dead monitor
 * (no heartbeat for long) or a server refusing connections.
 */
@Injectable()
export class DatabaseWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private timer?: NodeJS.Timeout;
  private running?: Promise<ClientCondition>;
  /** Since when (real ms) this process's client has failed while a new connection answered. */
  private cutOffSince?: number;
  private lastCondition: ClientCondition = 'usable';
  private lastHeartbeatAt = Date.now();
  private lastServerError?: string;
  private watched?: mongo.MongoClient;
  private reconnectOwed = false;
  private lastReach?: { reach: DatabaseReach; at: number };
  private reaching?: Promise<DatabaseReach>;
  /** How many times this process rebuilt its client (operators read it in GET /health). */
  rebuilds = 0;

  constructor(
    private readonly probe: DatabaseProbe,
    private readonly settings: DatabaseSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.watchDriver(this.probe.client);
    this.timer = setInterval(() => void this.check(), this.settings.watchdogEveryMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One check (a second call while one runs joins it). */
  check(): Promise<ClientCondition> {
    this.running ??= this.checkOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Since when this process has been cut off from a database that answers others, if it is. */
  get cutOffSinceMs(): number | undefined {
    return this.cutOffSince;
  }

  /**
   * Whether the database answers a brand-new connection, within `timeoutMs`: shared by concurrent
   * callers and reused for a second, so readiness checks under an outage open few clients.
   */
  reach(timeoutMs: number): Promise<DatabaseReach> {
    const fresh = this.lastReach && Date.now() - this.lastReach.at < REACH_REUSE_MS;
    if (fresh) return Promise.resolve(this.lastReach!.reach);
    this.reaching ??= withTimeout(this.probe.probeFresh(timeoutMs), timeoutMs)
      .catch((): DatabaseReach => 'down')
      .then((reach) => ((this.lastReach = { reach, at: Date.now() }), reach))
      .finally(() => (this.reaching = undefined));
    return this.reaching;
  }

  private async checkOnce(): Promise<ClientCondition> {
    const bound = this.settings.serverSelectionTimeoutMs + 1000;
    let error: unknown;
    try {
      await withTimeout(this.probe.probe(), bound);
      if (this.lastCondition !== 'usable') this.logger.log('this process reaches the database again');
      this.cutOffSince = undefined;
      return (this.lastCondition = 'usable');
    } catch (err) {
      error = err;
      this.lastServerError = (err as Error).message ?? String(err);
    }
    // A client closed by a rebuild whose reconnection failed: connect it now (only an explicit
    // connect does, after a close), whatever else is the matter.
    if (this.reconnectOwed) return this.reconnect();
    // Only "the driver cannot select the server" is what a cut-off client looks like; a query
    // that is merely slow (a busy database, a full pool) is no reason to drop every command in flight.
    if (!cannotSelectServer(error)) {
      this.cutOffSince = undefined;
      if (this.lastCondition !== 'busy') this.logger.warn(`the database answers this process slowly: ${this.lastServerError}`);
      return (this.lastCondition = 'busy');
    }
    if ((await this.reach(this.settings.serverSelectionTimeoutMs)) === 'down') {
      if (this.lastCondition !== 'database-down') this.logger.warn(`the database is not answering (a new connection fails too): ${this.lastServerError}`);
      this.cutOffSince = undefined;
      return (this.lastCondition = 'database-down');
    }
    const now = Date.now();
    this.cutOffSince ??= now;
    if (now - this.cutOffSince < this.settings.clientRebuildAfterMs) {
      if (this.lastCondition !== 'cut-off') {
        this.logger.warn(
          `this process cannot use the database, which answers a new connection (${this.lastServerError}); ` +
            `the client is rebuilt if this lasts ${Math.round(this.settings.clientRebuildAfterMs / 1000)} s`,
        );
      }
      return (this.lastCondition = 'cut-off');
    }
    const condition = await this.rebuild(now - this.cutOffSince);
    // The rebuilt client gets its own bound before another rebuild.
    this.cutOffSince = now;
    return condition;
  }

  private async rebuild(cutOffForMs: number): Promise<ClientCondition> {
    const client = this.probe.client;
    this.logger.warn(
      `this process has been cut off from the database for ${Math.round(cutOffForMs / 1000)} s while new connections get answers ` +
        `(last error: ${this.lastServerError}; last driver heartbeat ${Math.round((Date.now() - this.lastHeartbeatAt) / 1000)} s ago; ${monitorState(client)}): rebuilding its client`,
    );
    // In-flight commands fail as "topology closed" (503 to a request, a retried job); models
    // hold the client, not its topology, so they use the new one.
    await client.close(true).catch((err: Error) => this.logger.warn(`closing the old client: ${err.message}`));
    this.reconnectOwed = true;
    return this.reconnect();
  }

  /**
   * Connects the client after a rebuild closed it. Once closed, the driver connects it again only
   * when told to (commands fail as "not connected" meanwhile, answered 503), so until it succeeds,
   * every check tries again.
   */
  private async reconnect(): Promise<ClientCondition> {
    try {
      await this.probe.client.connect();
      this.reconnectOwed = false;
      this.rebuilds++;
      this.logger.log('database client rebuilt');
      return (this.lastCondition = 'rebuilt');
    } catch (err) {
      this.logger.warn(`connecting the rebuilt database client: ${(err as Error).message}; trying again at the next check`);
      return (this.lastCondition = 'cut-off');
    }
  }

  /** The driver's own account of the server, for the logs. Listeners stay across a rebuild (same client). */
  private watchDriver(client: mongo.MongoClient): void {
    if (this.watched === client) return;
    this.watched = client;
    client.on('serverHeartbeatSucceeded', () => (this.lastHeartbeatAt = Date.now()));
    client.on('serverHeartbeatFailed', (e) => {
      this.lastHeartbeatAt = Date.now();
      this.logger.debug(`heartbeat to ${e.connectionId} failed after ${e.duration} ms: ${e.failure?.message}`);
    });
    client.on('serverDescriptionChanged', (e) => {
      const [from, to] = [e.previousDescription.type, e.newDescription.type];
      if (from === to) return;
      if (to === 'Unknown') this.logger.warn(`the driver lost ${e.address} (${from} → Unknown): ${e.newDescription.error?.message ?? 'no reason given'}`);
      else if (from === 'Unknown') this.logger.log(`the driver found ${e.address} again (${to})`);
      else this.logger.log(`${e.address} changed from ${from} to ${to}`);
    });
    client.on('connectionPoolCleared', (e) =>
      this.logger.debug(`connection pool to ${e.address} cleared${e.interruptInUseConnections ? ', connections in use interrupted' : ''}`),
    );
    client.on('topologyDescriptionChanged', (e) =>
      this.logger.verbose(`topology ${e.newDescription.type}: ${[...e.newDescription.servers.values()].map((s) => `${s.address} ${s.type}`).join(', ')}`),
    );
  }
}

/**
 * The driver's server monitors as they stand, for the log line of a rebuild: whether a check is
 * running, since when the last one ended. Read from the driver's internals (not its API), so
 * only as a diagnosis, defensively.
 */
function monitorState(client: mongo.MongoClient): string {
  try {
    type Monitor = {
      s?: { state?: string };
      connection?: unknown;
      monitorId?: { isExecutionInProgress?: boolean; stopped?: boolean; toJSON(): Record<string, unknown> };
    };
    const servers = (client as unknown as { topology?: { s?: { servers?: Map<string, { description?: { type?: string }; monitor?: Monitor }> } } }).topology?.s
      ?.servers;
    if (!servers) return 'no topology';
    return [...servers.entries()]
      .map(([address, server]) => {
        const m = server.monitor;
        const interval = m?.monitorId;
        const last = interval?.toJSON().timeSinceLastCall;
        return (
          `monitor of ${address} (${server.description?.type}): ${m?.s?.state}, connection ${m?.connection ? 'held' : 'none'}, ` +
          (interval
            ? `check ${interval.isExecutionInProgress ? 'running' : 'idle'}${interval.stopped ? ', stopped' : ''}, last ended ${typeof last === 'number' ? `${Math.round(last)} ms` : '?'} ago`
            : 'no interval')
        );
      })
      .join('; ');
  } catch (err) {
    return `monitor state unreadable: ${(err as Error).message}`;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
