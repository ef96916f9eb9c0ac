import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { csrfOf } from './support/web';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'start', 'src', 'main.js');

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/**
 * `npm start`'s program (the built one, as npm start runs it) on a fresh database: it starts the
 * API and a worker, creates the first committee member, prints a sign-in link that works, and
 * writes e-mails to the outbox folder it names. Started and stopped by its pid.
 */
describe('npm start (e2e)', () => {
  const db = `pact_test_start_${randomBytes(4).toString('hex')}`;
  const data = mkdtempSync(join(tmpdir(), 'pact-start-'));
  let child: ChildProcess | undefined;
  let port: number;
  const prefixes: string[] = [];

  const run = async (args: string[]): Promise<{ output: () => string; child: ChildProcess }> => {
    const uri = new URL(process.env.MONGODB_URI!);
    uri.pathname = `/${db}`;
    const prefix = `pactstart${randomBytes(4).toString('hex')}`;
    prefixes.push(prefix);
    const env: NodeJS.ProcessEnv = { ...process.env, MONGODB_URI: uri.toString(), QUEUE_PREFIX: prefix, PACT_DATA_DIR: data, LOG_LEVEL: 'warn' };
    delete env.SMTP_HOST;
    delete env.PUBLIC_URL;
    const c = spawn(process.execPath, [MAIN, '--port', String(port), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout!.on('data', (d) => (out += d));
    c.stderr!.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not print a link within 90 s:\n${out}`)), 90_000);
      const check = setInterval(() => {
        if (/Stop with Ctrl-C/.test(out)) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      c.once('exit', (code) => {
        clearInterval(check);
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${out}`));
      });
    });
    return { output: () => out, child: c };
  };

  const stop = async (c?: ChildProcess) => {
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  };

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    await stop(child);
    const mongo = await MongoClient.connect(process.env.MONGODB_URI!);
    await mongo.db(db).dropDatabase();
    await mongo.close();
    rmSync(data, { recursive: true, force: true });
    // Redis is shared: this test's queues go with it.
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    }
    redis.disconnect();
  }, 60_000);

  it('starts everything, creates the first committee member and prints a sign-in link that works', async () => {
    const started = await run(['--name', 'Erika Muster', '--email', 'erika.muster@pact.example.eu']);
    child = started.child;
    const out = started.output();
    expect(out).toContain('Created the first steering-committee member: Erika Muster <erika.muster@pact.example.eu>.');
    expect(out).toContain(`Pact monitoring is running: http://localhost:${port}`);
    const outbox = join(data, 'outbox');
    expect(out).toContain(`E-mails (no SMTP_HOST set) are written to ${outbox}`);
    const link = new URL(/(http:\/\/localhost:\d+\/sign-in\/[A-Za-z0-9_-]{43})/.exec(out)![1]);

    const site = `http://127.0.0.1:${port}`;
    await request(site).get('/health').expect(200);
    const browser = request.agent(site);
    const page = await browser.get(link.pathname).expect(200);
    await browser
      .post(link.pathname)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    expect((await browser.get('/').expect(303)).headers.location).toBe('/cycles');
    // The working groups were seeded.
    const mongo = await MongoClient.connect(process.env.MONGODB_URI!);
    // The Pact's 12 working groups and the Charter's 52 cities.
    expect(await mongo.db(db).collection('working_groups').countDocuments({ programme: 'pact' })).toBe(12);
    expect(await mongo.db(db).collection('working_groups').countDocuments({ programme: 'charter' })).toBe(52);
    // No API token was left behind: people sign in with links.
    expect(
      await mongo
        .db(db)
        .collection('api_tokens')
        .countDocuments({ revokedAt: { $exists: false } }),
    ).toBe(0);
    await mongo.close();

    // A new link by e-mail lands in the outbox, as a file.
    const other = request.agent(site);
    const form = await other.get('/sign-in').expect(200);
    await other
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'erika.muster@pact.example.eu' })
      .expect(200);
    const file = await (async () => {
      for (let i = 0; i < 100; i++) {
        const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
        if (files.length) return join(outbox, files[0]);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no e-mail in the outbox');
    })();
    // Quoted-printable: soft line breaks joined before looking for the link.
    expect(readFileSync(file, 'utf8').replace(/=\r?\n/g, '')).toMatch(/\/sign-in\/[A-Za-z0-9_-]{43}/);

    // The chairs named in the configuration can sign in from the first day, with their addresses.
    expect(out).toContain(
      'The chairs of the 12 working groups and the coordinators of the 52 cities sign in the same way with their addresses (Working groups lists them); 64 chair account(s) created now.',
    );
    const chair = request.agent(site);
    const chairForm = await chair.get('/sign-in').expect(200);
    await chair
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(chairForm.text), email: 'chair.education@pact.example.eu' })
      .expect(200);
    const chairLink = await (async () => {
      for (let i = 0; i < 100; i++) {
        for (const f of readdirSync(outbox).filter((n) => n.endsWith('.eml'))) {
          const mail = readFileSync(join(outbox, f), 'utf8').replace(/=\r?\n/g, '');
          if (/^To: .*chair\.education@pact\.example\.eu/m.test(mail)) return /\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail)![0];
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no sign-in e-mail to the chair in the outbox');
    })();
    const chairPage = await chair.get(chairLink).expect(200);
    await chair
      .post(chairLink)
      .type('form')
      .send({ _csrf: csrfOf(chairPage.text) })
      .expect(303);
    expect((await chair.get('/').expect(303)).headers.location).toBe('/my-tasks');
    await stop(child);
  }, 120_000);

  it('started again, keeps the committee member and prints a fresh link', async () => {
    const again = await run([]);
    child = again.child;
    expect(again.output()).not.toContain('Created the first');
    expect(again.output()).toContain('Sign in as Erika Muster <erika.muster@pact.example.eu>');
    expect(again.output()).toContain(
      'The chairs of the 12 working groups and the coordinators of the 52 cities sign in the same way with their addresses (Working groups lists them).',
    );
    await stop(child);
  }, 120_000);
});
