import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { csrfOf } from './support/web';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'demo', 'src', 'main.js');

/**
 * `npm run demo -- --serve` (the built program, as npm run demo runs it): the whole compressed
 * cycle, then it keeps running and prints the report page's address and a sign-in link for the
 * committee member and for a chair. Both links are followed over HTTP to the report page; the
 * program is stopped by its pid (SIGINT, as Ctrl-C) and stops cleanly.
 */
describe('npm run demo -- --serve (e2e)', () => {
  let child: ChildProcess | undefined;
  let out = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    // The demo names its own database and queue prefix by its start time; they go with it.
    const db = /MongoDB [^/\s]+\/(pact_demo_\d+)/.exec(out)?.[1];
    if (db) {
      const mongo = await MongoClient.connect(process.env.MONGODB_URI!);
      await mongo.db(db).dropDatabase();
      await mongo.close();
      const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      const keys = await redis.keys(`pactdemo${db.slice('pact_demo_'.length)}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  }, 60_000);

  it('runs the cycle, keeps serving, and its printed links sign the committee and a chair in to the report page', async () => {
    child = spawn(process.execPath, [MAIN, '--serve'], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (/Stop with Ctrl-C/.test(out)) {
          clearInterval(check);
          resolve();
        }
      }, 200);
      child!.once('exit', (code) => {
        clearInterval(check);
        reject(new Error(`the demo exited with ${code}:\n${out}`));
      });
    });

    // The normal run's output is all there, and the report's files.
    expect(out).toContain('The full report: ');
    // The Charter's round ran beside it: cities answered (some declined) and its report's summary is printed.
    expect(out).toMatch(/\[charter\] [a-z-]+ sent its self-evaluation/);
    expect(out).toMatch(/\[charter\] [a-z-]+ declined this round/);
    expect(out).toMatch(/\n(Charter self-evaluation 2027)/);
    const site = /The demo keeps running: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
    const reportUrl = new URL(/The compiled report in the browser: (\S+)/.exec(out)![1]);
    expect(reportUrl.pathname).toMatch(/^\/cycles\/[0-9a-f]{24}\/report$/);
    expect(reportUrl.searchParams.get('milestone')).toBe('final');
    expect(out).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/sign-in and enter the address/);
    expect(out).toMatch(/the e-mail lands in the demo's outbox, \S+outbox/);
    const linkOf = (who: string) => new URL(new RegExp(`  ${who}: (http://\\S+/sign-in/[A-Za-z0-9_-]{43})`).exec(out)![1]);

    const follow = async (link: URL) => {
      const agent = request.agent(site);
      const page = await agent.get(link.pathname).expect(200);
      const res = await agent
        .post(link.pathname)
        .type('form')
        .send({ _csrf: csrfOf(page.text) })
        .expect(303);
      return { agent, next: res.headers.location as string };
    };
    const reportPath = `${reportUrl.pathname}${reportUrl.search}`;

    const committee = await follow(linkOf('committee'));
    expect(committee.next).toBe(reportPath);
    const report = await committee.agent.get(committee.next).expect(200);
    expect(report.text).toContain('class="report-document"');
    expect(report.text).toContain('Pact implementation cycle 2027–2029');

    const chair = await follow(linkOf('chair'));
    expect(chair.next).toMatch(/^\/tasks\/[0-9a-f]{24}$/);
    await chair.agent.get(chair.next).expect(200);
    const chairReport = await chair.agent.get(reportPath).expect(200);
    expect(chairReport.text).toContain('class="report-document"');

    // Ctrl-C: it stops its servers and exits cleanly.
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopping the demo');
    await expect(fetch(`${site}/health`)).rejects.toThrow();
  }, 300_000);
});
