import 'reflect-metadata';
import { FanOutService, IdentityService } from '@pact/engine';
import { MongoClient, ObjectId, Db } from 'mongodb';
import { join, resolve } from 'node:path';
import { createApi } from '../apps/api/src/bootstrap';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * A chair's submission against the history stored (issue 20: the cost of a hot path must not
 * grow with the years of reports kept). Loads HISTORY_SIZES (default `0,20000`) tasks of
 * another cycle, as many revisions and twice as many events, and at each size times
 * HISTORY_SUBMISSIONS submissions of a fresh cycle's chairs over HTTP (one client, loopback,
 * the real API with its follow-ups), printing p50 and p90.
 *
 *   npm run build && bash scripts/with-services.sh node dist/bench/history.js
 */
const ROOT = resolve(__dirname, '..', '..');
const SIZES = (process.env.HISTORY_SIZES ?? '0,20000').split(',').map(Number);
const SUBMISSIONS = Number(process.env.HISTORY_SUBMISSIONS ?? 24);
const GROUPS = ['education', 'labour-market', 'migrant-families', 'neighbourhoods-housing', 'sport', 'political-participation'];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** History of a past cycle, written straight into the collections (in batches): tasks submitted once, two events each. */
async function loadHistory(db: Db, from: number, to: number): Promise<void> {
  const cycleId = `history-${from}`;
  const at = new Date('2029-01-01T00:00:00Z');
  for (let i = from; i < to; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, to - i) }, () => new ObjectId());
    await db.collection('tasks').insertMany(
      ids.map((_id, k) => ({
        _id,
        cycleId,
        milestoneKey: 'final',
        groupKey: `past-${i + k}`,
        status: 'submitted',
        requestedAt: at,
        dueAt: at,
        originalDueAt: at,
        dueVersion: 0,
        escalationLevel: 0,
        firedTimers: [],
        extensions: [],
        submittedAt: at,
        late: false,
        latestRevision: 1,
        revisionsNumbered: 1,
        outbox: [],
      })),
    );
    const content = {
      measures: [{ title: 'A past measure', status: 'implemented' }],
      indicators: [],
      goodPractices: ['x'.repeat(200)],
      obstacles: [],
      recommendations: [],
    };
    await db.collection<{ _id: string }>('submissions').insertMany(
      ids.map((id) => ({
        _id: `${id}:1`,
        taskId: String(id),
        cycleId,
        milestoneKey: 'final',
        groupKey: 'past',
        revision: 1,
        content,
        submittedAt: at,
        late: false,
        afterCompilation: false,
        submittedBy: 'history',
      })),
    );
    await db.collection('events').insertMany(
      ids.flatMap((id) =>
        ['task.requested', 'submission.received'].map((type) => ({
          type,
          at,
          actor: 'history',
          cycleId,
          taskId: String(id),
          groupKey: 'past',
          data: {},
          dedupeKey: `${type}-${id}`,
        })),
      ),
    );
  }
}

async function main(): Promise<void> {
  if (!process.env.MONGODB_URI) throw new Error('run through scripts/with-services.sh (it sets MONGODB_URI)');
  const uri = new URL(process.env.MONGODB_URI);
  uri.pathname = `/pact_history_${Date.now()}`;
  // HISTORY_PROFILE=1: each command of the last submission at each size, with its time (where the time goes).
  const profile = process.env.HISTORY_PROFILE === '1';
  if (profile) uri.searchParams.set('monitorCommands', 'true');
  Object.assign(process.env, {
    MONGODB_URI: uri.toString(),
    QUEUE_PREFIX: `pacthistory${Date.now()}`,
    LOG_LEVEL: 'error',
    PACT_CONFIG: join(ROOT, 'config', 'programmes', 'pact.yaml'),
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const api = await createApi();
  await api.listen(0, '127.0.0.1');
  const commands: string[] = [];
  if (profile) {
    const client = api.get<Connection>(getConnectionToken(), { strict: false }).getClient();
    const started = new Map<number, string>();
    client.on('commandStarted', (e) => started.set(e.requestId, `${e.commandName} ${String(e.command[e.commandName])}`));
    client.on('commandSucceeded', (e) => commands.push(`${e.duration} ms ${started.get(e.requestId) ?? e.commandName}`));
  }
  const base = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
  const mongo = await MongoClient.connect(uri.toString());
  const db = mongo.db(uri.pathname.slice(1));
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as any;
  };
  try {
    const committee = (await api.get(IdentityService).bootstrapCommittee('Bench', 'bench@example.org')).token.token;
    const chair = await call(committee, 'POST', '/api/users', { name: 'Chair', email: 'chair@example.org', roles: ['chair'], groupKeys: GROUPS });
    const chairToken = (await call(committee, 'POST', `/api/users/${chair.id}/tokens`, { name: 'bench' })).token;
    const fanOut = api.get(FanOutService, { strict: false });
    let loaded = 0;
    const rows: string[] = [];
    for (const size of SIZES) {
      const t0 = Date.now();
      await loadHistory(db, loaded, size);
      loaded = Math.max(loaded, size);
      process.stdout.write(`history ${size}: loaded in ${Date.now() - t0} ms; `);
      // A fresh cycle whose milestone is requested now (fanned out here: no worker runs).
      const now = Date.now();
      const cycle = await call(committee, 'POST', '/api/cycles', {
        name: `Measured at ${size}`,
        start: new Date(now + 60_000).toISOString(),
        lengthMonths: 24,
        groups: GROUPS,
        milestones: [
          {
            key: 'final',
            title: 'Report',
            kind: 'final',
            requestAt: new Date(now + 60_000).toISOString(),
            dueAt: new Date(now + 300 * 86_400_000).toISOString(),
            compileAt: new Date(now + 400 * 86_400_000).toISOString(),
          },
        ],
        reminderDaysBeforeDue: [],
      });
      await fanOut.run(cycle.id, 'final');
      const tasks: { id: string }[] = await call(committee, 'GET', `/api/cycles/${cycle.id}/tasks`);
      const times: number[] = [];
      for (let i = 0; i < SUBMISSIONS; i++) {
        const task = tasks[i % tasks.length];
        commands.length = 0;
        const t = process.hrtime.bigint();
        await call(chairToken, 'POST', `/api/tasks/${task.id}/submissions`, {
          measures: [{ title: `Measure ${i}`, status: 'in-progress' }],
          indicators: [],
          goodPractices: [`Practice ${i}`],
          obstacles: [],
          recommendations: [],
        });
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      const row = `| ${size} tasks, ${size} revisions, ${2 * size} events | ${percentile(times, 0.5).toFixed(0)} ms | ${percentile(times, 0.9).toFixed(0)} ms |`;
      console.log(`p50 ${percentile(times, 0.5).toFixed(0)} ms`);
      if (profile) console.log(commands.join('\n'));
      rows.push(row);
    }
    console.log(
      ['', `A chair's submission over HTTP, ${SUBMISSIONS} in a row, one client:`, '', '| history stored | p50 | p90 |', '| --- | --- | --- |', ...rows].join(
        '\n',
      ),
    );
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await mongo.close();
    await api.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
