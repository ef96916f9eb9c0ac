import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { EngineHarness } from './support/engine-harness';

const CLI = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'cli', 'bootstrap-committee.js');

/** `npm run bootstrap`: the first committee member and their token, once. */
describe('bootstrap command (e2e)', () => {
  const h = new EngineHarness({ worker: false });
  const fresh = `pact_test_boot_${randomBytes(4).toString('hex')}`;
  beforeAll(() => h.start(), 60_000);
  afterAll(async () => {
    const mongo = await MongoClient.connect(process.env.MONGODB_URI!);
    await mongo.db(fresh).dropDatabase();
    await mongo.close();
    await h.stop();
  }, 60_000);

  const run = (db: string, args: string[]) => {
    const uri = new URL(h.env.MONGODB_URI);
    uri.pathname = `/${db}`;
    return spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...h.env, MONGODB_URI: uri.toString() }, encoding: 'utf8', timeout: 60_000 });
  };

  it('creates the first committee member on an empty database and prints a working token once', async () => {
    const out = run(fresh, ['--name', 'Maria Rossi', '--email', 'Maria.Rossi@pact.example.eu']);
    expect(out.status).toBe(0);
    const token = out.stdout.match(/pact_[A-Za-z0-9_-]{20,}/)?.[0];
    expect(token).toBeDefined();
    expect(out.stdout).toContain('maria.rossi@pact.example.eu');

    // The token works against an API on that database.
    const mongo = await MongoClient.connect(process.env.MONGODB_URI!);
    const stored = await mongo.db(fresh).collection('api_tokens').findOne({});
    expect(stored!._id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    await mongo.close();

    const again = run(fresh, ['--name', 'Someone Else', '--email', 'else@pact.example.eu']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/a committee member exists already/);
  });

  it('refuses bad arguments with its usage', () => {
    const out = run(fresh, ['--name', 'No Mail']);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/usage: npm run bootstrap/);
  });

  it('the harness’s own bootstrap token is a committee token over HTTP', async () => {
    const me = await request(h.api.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${h.committeeToken}`).expect(200);
    expect(me.body.roles).toEqual(['committee']);
  });
});
