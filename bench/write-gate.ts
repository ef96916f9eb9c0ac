import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';

/**
 * The write gate's cost: the same mixed workload against two embedded FerretDB processes of the
 * same binary, with the gate and without (-write-gate=false). Concurrent clients each run
 * guarded single-document updates (findOneAndUpdate, as every state change does), inserts and
 * reads; the gate serialises the writes, the reads pass.
 */
export interface GateResult {
  clients: number;
  opsPerClient: number;
  withGateMs: number;
  withoutGateMs: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function startDb(bin: string, gate: boolean): Promise<{ uri: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pact-bench-gate-'));
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['-addr', `127.0.0.1:${port}`, '-dir', dir, ...(gate ? [] : ['-write-gate=false'])], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
    child.once('exit', (code) => reject(new Error(`embedded FerretDB exited with ${code}`)));
  });
  return {
    uri: `mongodb://127.0.0.1:${port}/bench`,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid!, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function workload(uri: string, clients: number, opsPerClient: number): Promise<number> {
  const mongo = await MongoClient.connect(uri, { maxPoolSize: clients * 2 });
  try {
    const tasks = mongo.db().collection('tasks');
    const events = mongo.db().collection('events');
    await tasks.insertMany(Array.from({ length: clients * 10 }, (_, i) => ({ _id: i as never, status: 'open', firedTimers: [], latestRevision: 0 })));
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let k = 0; k < opsPerClient; k++) {
          const id = c * 10 + (k % 10);
          await tasks.findOneAndUpdate(
            { _id: id as never, status: 'open' },
            { $addToSet: { firedTimers: `t-${k}` }, $set: { at: new Date() } },
            { returnDocument: 'after' },
          );
          await events.insertOne({ c, k, at: new Date() });
          await tasks.findOne({ _id: ((id + 1) % (clients * 10)) as never });
        }
      }),
    );
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await mongo.close();
  }
}

/** Null when the embedded database cannot be built here (no Go): then there is nothing to compare. */
export async function measureWriteGate(root: string, repeat: number, clients = 8, opsPerClient = 60): Promise<GateResult | null> {
  let bin: string;
  try {
    bin = execFileSync('bash', [join(root, 'scripts', 'build-ferretdb.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
  const runs: { gate: number[]; none: number[] } = { gate: [], none: [] };
  for (let i = 0; i < repeat; i++) {
    for (const gate of [true, false]) {
      const db = await startDb(bin, gate);
      try {
        (gate ? runs.gate : runs.none).push(await workload(db.uri, clients, opsPerClient));
      } finally {
        await db.stop();
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { clients, opsPerClient, withGateMs: median(runs.gate), withoutGateMs: median(runs.none) };
}
