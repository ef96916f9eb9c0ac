import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  EngineInfrastructureModule,
  IdentityModule,
  IdentityService,
  ProgrammeCatalog,
  SignInModule,
  SignInService,
  WorkingGroupService,
  WorkingGroupsModule,
} from '@pact/engine';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MailSink } from '../../demo/src/delivery-sinks';

/**
 * `npm start`: the engine for people on this machine. Starts the API (with the pages) and a
 * worker on the local services (scripts/with-services.sh), makes sure the first committee member
 * exists, and prints the address and a sign-in link for them. Without SMTP_HOST, e-mails go to an
 * outbox folder (a local SMTP server writes each as an .eml file). Ctrl-C stops everything.
 *
 *   npm start -- [--name "Maria Rossi"] [--email maria.rossi@pact.example.eu] [--port 3000]
 */
const ROOT = resolve(__dirname, '..', '..', '..', '..');

@Module({ imports: [EngineInfrastructureModule, IdentityModule, SignInModule, WorkingGroupsModule] })
class StartModule {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string', default: 'Maria Rossi' },
      email: { type: 'string', default: 'maria.rossi@pact.example.eu' },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
    },
  });
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email!) || !/^\d+$/.test(values.port!)) {
    console.error('usage: npm start -- [--name "Full Name"] [--email name@example.org] [--port 3000]');
    process.exit(2);
  }
  if (!process.env.MONGODB_URI) throw new Error('MONGODB_URI is not set: run `npm start`, which starts the services it needs');
  const data = resolve(process.env.PACT_DATA_DIR ?? join(ROOT, '.pact-data'));
  const logs = join(data, 'logs');
  mkdirSync(logs, { recursive: true });
  const port = values.port!;
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;

  let sink: MailSink | undefined;
  let outbox: string | undefined;
  if (!process.env.SMTP_HOST) {
    outbox = join(data, 'outbox');
    sink = await new MailSink(outbox).start();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    PUBLIC_URL: publicUrl,
    CLOCK_MODE: process.env.CLOCK_MODE ?? 'system',
    PACT_CONFIG: process.env.PACT_CONFIG ?? join(ROOT, 'config', 'programmes', 'pact.yaml'),
    LOCALES_DIR: process.env.LOCALES_DIR ?? join(ROOT, 'locales'),
    NO_COLOR: '1',
    ...(sink ? sink.env() : {}),
  };

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await sink?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const app of ['api', 'worker']) {
    const out = openSync(join(logs, `${app}.log`), 'a');
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], { env, stdio: ['ignore', out, out] });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`\nthe ${app} stopped unexpectedly (${code ?? signal}); its log: ${join(logs, `${app}.log`)}`);
      void stop(1);
    });
    children.push(child);
  }
  for (let i = 0; ; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 600) throw new Error(`the API did not come up within a minute; its log: ${join(logs, 'api.log')}`);
    await sleep(100);
  }

  // The first committee member, when there is none; then a sign-in link for them (the API seeded the working groups).
  Object.assign(process.env, env);
  const ctx = await NestFactory.createApplicationContext(StartModule, { logger: ['error'] });
  let person: { name: string; email: string };
  let link: { url: string; expiresAt: Date };
  let chairAccounts: number;
  let whoActs: string;
  try {
    const identity = ctx.get(IdentityService);
    const committee = (await identity.listUsers()).filter((u) => u.roles.includes('committee') && !u.disabledAt);
    let user = committee.find((u) => u.email === values.email!.toLowerCase()) ?? committee.sort((a, b) => +a.createdAt - +b.createdAt)[0];
    if (!user) {
      const made = await identity.bootstrapCommittee(values.name!, values.email!, 'every-programme');
      user = made.user;
      // People sign in with links; the API token bootstrap issues is not needed here.
      await identity.revokeToken(made.token.id, {
        userId: user.id,
        name: user.name,
        email: user.email,
        roles: user.roles,
        committeeOf: user.committeeOf,
        groupKeys: [],
        programmes: user.committeeOf,
        actor: 'start',
      });
      console.log(`Created the first steering-committee member: ${user.name} <${user.email}>.`);
    }
    // The chairs named in the configuration sign in from their first e-mail: each gets an
    // account acting for their group (the committee changes chairs on the Working groups page).
    chairAccounts = await ctx.get(WorkingGroupService).giveChairsAccounts('start');
    // Per programme, in its words: the Pact's working groups have chairs, the Charter's cities coordinators.
    const groups = await ctx.get(WorkingGroupService).list();
    whoActs = ctx
      .get(ProgrammeCatalog)
      .list()
      .map((p) => ({ count: groups.filter((g) => g.programme === p.key && !g.retiredAt).length, city: p.participantKind === 'city' }))
      .filter((p) => p.count > 0)
      .map((p) => (p.city ? `the coordinators of the ${p.count} cities` : `the chairs of the ${p.count} working groups`))
      .join(' and ');
    person = user;
    link = await ctx.get(SignInService).issueLink(user.id, '/');
  } finally {
    await ctx.close();
  }

  console.log(`\nPact monitoring is running: ${publicUrl}\n`);
  console.log(`Sign in as ${person.name} <${person.email}> with this link (it works once, until ${link.expiresAt.toLocaleTimeString()}):\n`);
  console.log(`  ${link.url}\n`);
  console.log(`Later, ask for a new link at ${publicUrl}/sign-in.`);
  console.log(
    `${whoActs.charAt(0).toUpperCase()}${whoActs.slice(1)} sign in the same way with their addresses (Working groups lists them)` +
      (chairAccounts ? `; ${chairAccounts} chair account(s) created now.` : '.'),
  );
  console.log(outbox ? `E-mails (no SMTP_HOST set) are written to ${outbox}, one .eml file each.` : `E-mails go through ${process.env.SMTP_HOST}.`);
  console.log(`Data stays in ${data}; logs in ${logs}. Stop with Ctrl-C.`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
