import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Clock, CLOCK } from '@pact/domain';
import { IdentityService } from '@pact/engine';

import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { MongoClient, Db } from 'mongodb';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';

const ROOT = join(__dirname, '..', '..');

export interface HarnessOptions {
  /** Real milliseconds per simulated day. */
  msPerDay?: number;
  /** Start an in-process worker (default true). */
  worker?: boolean;
  reconcileEveryMs?: number;
  rateLimitPerMinute?: number;
  /** More settings for the API and the worker (SMTP server, delivery retries, …). */
  env?: Record<string, string>;
  /** A MongoDB-wire server of the test's own (e.g. an EmbeddedDb it restarts) instead of MONGODB_URI. */
  mongoUri?: () => string;
}

/**
 * Starts the real API (over HTTP, on an ephemeral port) and the real worker against the
 * Redis and MongoDB-wire server that scripts/with-services.sh provides. Each harness gets
 * its own database and its own BullMQ prefix, so test files cannot see each other's state.
 */
export class EngineHarness {
  api!: NestExpressApplication;
  worker?: INestApplicationContext;
  http!: TestAgent;
  clock!: Clock;
  redis!: IORedis;
  mongo!: MongoClient;
  db!: Db;
  readonly prefix = `pacttest${randomBytes(4).toString('hex')}`;
  readonly dbName = `pact_test_${randomBytes(4).toString('hex')}`;
  private children: ChildProcess[] = [];
  /** The bootstrap committee member's API token; h.http sends it. */
  committeeToken!: string;
  private tokens = new Map<string, string>();

  constructor(private readonly opts: HarnessOptions = {}) {}

  get env(): Record<string, string> {
    const base = this.opts.mongoUri?.() ?? process.env.MONGODB_URI;
    if (!base) throw new Error('MONGODB_URI is not set: run the tests through `npm test` (scripts/with-services.sh)');
    const uri = new URL(base);
    uri.pathname = `/${this.dbName}`;
    return {
      MONGODB_URI: uri.toString(),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: this.prefix,
      CLOCK_MODE: 'simulated',
      SIM_MS_PER_DAY: String(this.opts.msPerDay ?? 20),
      SIM_ANCHOR_REAL_MS: String(this.anchorReal),
      SIM_ANCHOR_DATE: '2030-01-01T00:00:00.000Z',
      RECONCILE_EVERY_MS: String(this.opts.reconcileEveryMs ?? 1000),
      // The sweep leaves follow-ups alone this long: the process doing them has surely finished.
      FOLLOW_UP_GRACE_MS: '3000',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      PACT_CONFIG: join(ROOT, 'config', 'programmes', 'pact.yaml'),
      BODY_LIMIT: '64kb',
      RATE_LIMIT_PER_MINUTE: String(this.opts.rateLimitPerMinute ?? 100000),
      // Tests sign people in many times from one address; the limits have their own test.
      SIGN_IN_LIMIT_PER_ADDRESS: '1000',
      SIGN_IN_LIMIT_PER_CLIENT: '1000',
      // Tests make many unauthenticated requests on purpose, all from 127.0.0.1.
      AUTH_FAILURES_PER_MINUTE: '100000',
      WORKER_LOCK_MS: '3000',
      // Deliveries: quick retries and no rate limit worth noticing, unless a test says otherwise.
      NOTIFY_BACKOFF_MS: '100',
      NOTIFY_RATE_MAX: '1000',
      COMMITTEE_SUMMARY_WAIT_MS: '300',
      SMTP_HOST: '',
      // The tests' receivers listen on loopback.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      // Every spec starts its own applications in one Node process: process metrics' monitors
      // (never stopped with an application) would pile up and slow the later specs. The metrics spec turns them on.
      METRICS_PROCESS: 'false',
      ...this.opts.env,
    };
  }

  private anchorReal = Date.now();

  async start(): Promise<this> {
    Object.assign(process.env, this.env);
    const { createApi } = await import('../../apps/api/src/bootstrap');
    this.api = await createApi();
    await this.api.listen(0, '127.0.0.1');
    const { token } = await this.api.get(IdentityService).bootstrapCommittee('Test Committee', 'committee@test.example.org');
    this.committeeToken = token.token;
    this.http = this.agent(this.committeeToken);
    this.clock = this.api.get<Clock>(CLOCK);
    if (this.opts.worker !== false) await this.startWorker();
    this.redis = new IORedis(this.env.REDIS_URL, { maxRetriesPerRequest: null });
    this.mongo = await MongoClient.connect(this.env.MONGODB_URI);
    this.db = this.mongo.db(this.dbName);
    return this;
  }

  /** A supertest agent sending `token` (or none) on every request. */
  agent(token?: string): TestAgent {
    const a = request.agent(this.api.getHttpServer());
    return token ? a.set('Authorization', `Bearer ${token}`) : a;
  }

  /** Creates (once) a user with these roles through the API and returns their token. */
  async tokenFor(roles: ('committee' | 'chair' | 'operator')[], groupKeys: string[] = []): Promise<string> {
    const key = `${roles.join('+')}/${groupKeys.join('+')}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const email = `${key.replace(/[^a-z0-9]+/g, '.').replace(/^\.+|\.+$/g, '')}@test.example.org`;
    const user = await this.http
      .post('/api/users')
      .send({ name: key, email, roles, ...(groupKeys.length ? { groupKeys } : {}) })
      .expect(201);
    const issued = await this.http.post(`/api/users/${user.body.id}/tokens`).send({ name: 'test' }).expect(201);
    this.tokens.set(key, issued.body.token);
    return issued.body.token;
  }

  /** An agent acting as the chair of `groupKey`. */
  async chair(groupKey: string): Promise<TestAgent> {
    return this.agent(await this.tokenFor(['chair'], [groupKey]));
  }

  async startWorker(): Promise<void> {
    Object.assign(process.env, this.env);
    const { createWorker } = await import('../../apps/worker/src/bootstrap');
    this.worker = await createWorker();
    await this.worker.init();
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }

  /**
   * A worker in its own OS process (the built one in dist/), so it can really be killed.
   * Resolves once the worker has reconciled and started processing.
   */
  async spawnWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
    return (await this.spawnWorkerWithOutput(env)).child;
  }

  /** spawnWorker, with what the worker has printed so far (its log lines). */
  spawnWorkerWithOutput(env: Record<string, string> = {}): Promise<{ child: ChildProcess; output: () => string }> {
    return this.spawnApp('worker', 'processing queues', env);
  }

  /**
   * An API in its own OS process (the built one in dist/), as production runs it, on a free
   * loopback port; `url` is its address. Stopped with the harness (by its pid).
   */
  async spawnApi(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
    const app = await this.spawnApp('api', 'listening on', { PORT: String(port), ...env });
    return { ...app, url: `http://127.0.0.1:${port}` };
  }

  private async spawnApp(app: 'api' | 'worker', ready: string, env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
    const main = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: npm test builds it first (npm run build)`);
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, ...this.env, LOG_LEVEL: 'log', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(child);
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (process.env.TEST_LOG_LEVEL) process.stderr.write(d);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${app} did not start within 30 s:\n${output}`)), 30_000);
      const poll = setInterval(() => {
        if (!output.includes(ready)) return;
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }, 20);
      child.once('exit', (code) => {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`${app} exited with ${code} during start-up:\n${output}`));
      });
    });
    return { child, output: () => output };
  }

  /** Deletes every Redis key of this harness's queues: a Redis that lost its data. */
  async wipeRedis(): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await this.redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  /** The cycle-time date `days` after now. */
  daysFromNow(days: number): Date {
    return new Date(this.clock.now().getTime() + days * 86_400_000);
  }

  async waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < until) {
      try {
        const v = await probe();
        if (v) return v;
      } catch (err) {
        last = err;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
  }

  async events(cycleId: string, type?: string): Promise<any[]> {
    return this.db
      .collection('events')
      .find(type ? { cycleId, type } : { cycleId })
      .sort({ at: 1 })
      .toArray();
  }

  async stop(): Promise<void> {
    for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await this.stopWorker().catch(() => undefined);
    await this.api?.close().catch(() => undefined);
    await this.db?.dropDatabase().catch(() => undefined);
    await this.mongo?.close().catch(() => undefined);
    if (this.redis) {
      await this.wipeRedis().catch(() => undefined);
      this.redis.disconnect();
    }
  }
}

/** The simulated chairs' content: a valid implementation report for a working group. */
export function reportFor(groupKey: string, variant = 0) {
  return {
    measures: [
      { title: `${groupKey}: measure A`, status: variant % 2 ? 'implemented' : 'in-progress' },
      { title: `${groupKey}: measure B`, status: 'planned' },
    ],
    indicators: [{ key: 'custom-reach', name: 'People reached', unit: 'people', baseline: 100, target: 200, actual: 150 + variant * 50 }],
    goodPractices: [`${groupKey}: mentoring programme`],
    obstacles: [`${groupKey}: funding gaps`],
    recommendations: [`${groupKey}: pool budgets across levels`],
  };
}

/** The Pact's 12 working groups (config/programmes/pact.yaml), for tests that act for every one of them. */
export const PACT_GROUP_KEYS = [
  'education',
  'labour-market',
  'migrant-families',
  'neighbourhoods-housing',
  'sport',
  'political-participation',
  'public-services',
  'inter-religious-dialogue',
  'cultural-diversity',
  'development-cooperation',
  'security',
  'public-relations-media',
];

/** A short cycle in cycle time: one milestone requested tomorrow. */
export function shortCycle(
  h: EngineHarness,
  o: {
    name?: string;
    groups?: string[];
    requestInDays?: number;
    dueAfterDays?: number;
    compileAfterDays?: number;
    reminders?: number[];
    escalation?: any;
    lengthMonths?: number;
  } = {},
) {
  const start = h.daysFromNow(o.requestInDays ?? 1);
  const due = new Date(start.getTime() + (o.dueAfterDays ?? 60) * 86_400_000);
  const compile = new Date(start.getTime() + (o.compileAfterDays ?? 120) * 86_400_000);
  return {
    name: o.name ?? 'Short cycle',
    start: start.toISOString(),
    lengthMonths: o.lengthMonths ?? 12,
    groups: o.groups,
    milestones: [
      {
        key: 'final',
        title: 'Implementation report',
        kind: 'final',
        requestAt: start.toISOString(),
        dueAt: due.toISOString(),
        compileAt: compile.toISOString(),
      },
    ],
    reminderDaysBeforeDue: o.reminders ?? [14, 3],
    ...(o.escalation ? { escalation: o.escalation } : {}),
  };
}
