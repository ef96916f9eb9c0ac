import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { EmbeddedDb } from './support/embedded-db';

const ROOT = join(__dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The Pact's configuration with `extra` more working groups (600 in all for 588). */
function largeConfig(dir: string, extra: number): string {
  const pact = readFileSync(join(ROOT, 'config', 'programmes', 'pact.yaml'), 'utf8');
  const [head, rest] = pact.split('\ntemplates:');
  const groups = Array.from({ length: extra }, (_, i) => {
    const n = String(i).padStart(4, '0');
    // The Pact's configuration requires English, German and French texts.
    return `  - key: municipality-${n}\n    fieldOfAction: { en: Municipality ${n}, de: Gemeinde ${n}, fr: Commune ${n} }\n    goal: { en: Integration in municipality ${n}, de: Integration in Gemeinde ${n}, fr: Intégration dans la commune ${n} }\n    chair: { name: Chair ${n}, email: chair.${n}@example.eu, language: en }\n`;
  }).join('');
  const file = join(dir, 'large.yaml');
  writeFileSync(file, `${head.trimEnd()}\n${groups}\ntemplates:${rest}`);
  return file;
}

/**
 * A first start with several processes at once, as `docker compose up` or a deployment does:
 * the API and two workers seed working groups and templates into a fresh database at the same
 * moment. Every process must come up (none exits on a duplicate key, none stalls), with 600
 * working groups, as with the Pact's 12. Built processes (dist/), killed by their pids.
 */
describe('concurrent first start (e2e)', () => {
  const db = new EmbeddedDb();
  const dir = mkdtempSync(join(tmpdir(), 'pact-start-up-'));
  const children: ChildProcess[] = [];

  beforeAll(() => db.start(), 120_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  function start(app: 'api' | 'worker', env: Record<string, string>): { child: ChildProcess; output: () => string } {
    const main = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: npm test builds it first (npm run build)`);
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'log', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    return { child, output: () => output };
  }

  async function until(
    what: string,
    ok: () => boolean | Promise<boolean>,
    processes: { child: ChildProcess; output: () => string }[],
    ms = 120_000,
  ): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const died = processes.find((p) => p.child.exitCode !== null);
      if (died) throw new Error(`a process exited with ${died.child.exitCode} while waiting for ${what}:\n${died.output()}`);
      if (await ok()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no ${what} within ${ms} ms:\n${processes.map((p) => p.output().split('\n').slice(-15).join('\n')).join('\n----\n')}`);
  }

  it('the API and two workers starting together on a fresh database with 600 working groups all come up', async () => {
    const port = await freePort();
    const env = {
      MONGODB_URI: db.uri.replace('/pact', '/pact_start_up'),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `pactstart${port}`,
      PACT_CONFIG: largeConfig(dir, 588),
      PORT: String(port),
    };
    const processes = [start('api', env), start('worker', env), start('worker', env)];
    await until(
      'API readiness',
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
        } catch {
          return false;
        }
      },
      processes,
    );
    await until('both workers processing', () => processes.slice(1).every((p) => p.output().includes('processing queues')), processes);

    const mongo = await MongoClient.connect(env.MONGODB_URI);
    try {
      const groups = mongo.db().collection('working_groups');
      // The Pact's 600 groups from the test's file (the Charter's cities are seeded beside them).
      expect(await groups.countDocuments({ programme: 'pact' })).toBe(600);
      expect(await groups.countDocuments({ key: 'education' })).toBe(1);
      expect(await mongo.db().collection('templates').countDocuments()).toBe(1);
    } finally {
      await mongo.close();
    }
    // The API answers requests (an unauthenticated one: 401 quickly, not a hang).
    expect((await fetch(`http://127.0.0.1:${port}/api/working-groups`)).status).toBe(401);
    for (const p of processes) expect(p.child.exitCode).toBeNull();
  });
});
