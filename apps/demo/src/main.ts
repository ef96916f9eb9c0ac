import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EngineInfrastructureModule, IdentityModule, SignInModule, SignInService, SIGN_IN_LINK_MINUTES } from '@pact/engine';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ApiClient } from './api-client';
import { ChairBehaviour, ChairSimulator, IndicatorDef } from './chair-simulator';
import { MailSink, WebhookReceiver } from './delivery-sinks';
import { summariseNetworkReport, summariseReport } from './report-summary';
import { cityBehaviour, CitySimulator, latestRatingsOf, simulatedAnswers } from './city-simulator';

/**
 * The main job: a compressed two-year monitoring cycle of the Pact's 12 working groups.
 * Starts the real API and worker as separate processes (sharing one simulated clock), has
 * the committee trigger the cycle over HTTP, plays the chairs, and prints the compiled report.
 * A shorter previous cycle runs first, so the report can show the change since then.
 */
const ROOT = resolve(__dirname, '..', '..', '..', '..');
// 80 ms a day: a two-year cycle in about a minute, with room for the embedded FerretDB's pace.
const MS_PER_DAY = Number(process.env.SIM_MS_PER_DAY ?? 80);
const DAY = 86_400_000;

// Which chair does what, per working group, in the main cycle.
const BEHAVIOUR: Record<string, ChairBehaviour> = {
  education: 'prompt',
  'labour-market': 'reviser',
  'migrant-families': 'prompt',
  'neighbourhoods-housing': 'late',
  sport: 'prompt',
  'political-participation': 'extension',
  'public-services': 'prompt',
  'inter-religious-dialogue': 'late',
  'cultural-diversity': 'prompt',
  'development-cooperation': 'never',
  security: 'prompt',
  'public-relations-media': 'reviser',
};
// In the previous cycle more groups were missing or late: the report's change section shows progress.
const PREVIOUS: Record<string, ChairBehaviour> = {
  ...BEHAVIOUR,
  sport: 'never',
  security: 'late',
  'political-participation': 'late',
  'labour-market': 'prompt',
};

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/** Just enough of the engine to issue sign-in links, as `npm start` does. */
@Module({ imports: [EngineInfrastructureModule, IdentityModule, SignInModule] })
class SignInLinksModule {}

/** `npm run demo -- --serve`: keep the API, worker and outbox running after the cycle, with sign-in links. */
const SERVE = process.argv.slice(2).includes('--serve');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `npm run bootstrap`'s program and returns the first committee member's token. */
function bootstrapCommittee(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((res, rej) => {
    const cli = join(ROOT, 'dist', 'apps', 'api', 'src', 'cli', 'bootstrap-committee.js');
    const child = spawn(process.execPath, [cli, '--name', 'Maria Rossi', '--email', 'maria.rossi@pact.example.eu', '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? res(JSON.parse(out).token) : rej(new Error(`bootstrap failed: ${err || out}`))));
  });
}

async function main(): Promise<void> {
  const wall = Date.now();
  if (!process.env.MONGODB_URI) throw new Error('MONGODB_URI is not set: run the demo with `npm run demo`, which starts the services it needs');
  const logs = mkdtempSync(join(tmpdir(), 'pact-demo-'));
  const port = await freePort();
  const uri = new URL(process.env.MONGODB_URI);
  uri.pathname = `/pact_demo_${wall}`;
  const anchorSim = new Date('2027-01-01T00:00:00.000Z');
  // Real delivery to local receivers: e-mail over SMTP into an outbox folder, webhooks to an HTTP endpoint.
  const mail = await new MailSink(join(logs, 'outbox')).start();
  const hooks = await new WebhookReceiver().start();
  const env = {
    ...process.env,
    MONGODB_URI: uri.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `pactdemo${wall}`,
    CLOCK_MODE: 'simulated',
    SIM_MS_PER_DAY: String(MS_PER_DAY),
    SIM_ANCHOR_REAL_MS: String(wall),
    SIM_ANCHOR_DATE: anchorSim.toISOString(),
    RECONCILE_EVERY_MS: '2000',
    // The demo's chairs and progress display poll several times a second.
    RATE_LIMIT_PER_MINUTE: '100000',
    PORT: String(port),
    LOG_LEVEL: 'log',
    NO_COLOR: '1',
    PACT_CONFIG: join(ROOT, 'config', 'programmes', 'pact.yaml'),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...mail.env(),
    // The demo's webhook receiver listens on loopback.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    NOTIFY_BACKOFF_MS: '200',
    NOTIFY_RATE_MAX: '200',
    COMMITTEE_SUMMARY_WAIT_MS: '1500',
  };
  const children: ChildProcess[] = [];
  const start = (name: string, file: string) => {
    const out = openSync(join(logs, `${name}.log`), 'a');
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], { env, stdio: ['ignore', out, out] });
    child.on('exit', (code, signal) => {
      if (!stopping) console.error(`\n${name} exited unexpectedly (${code ?? signal}); see ${join(logs, `${name}.log`)}`);
    });
    children.push(child);
    return file;
  };
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    stopAll();
    process.exit(130);
  });
  stopChildren = stopAll;

  start('api', 'api');
  start('worker', 'worker');
  const tokens: Record<string, string> = {};
  const api = new ApiClient(`http://127.0.0.1:${port}`, (actor) => tokens[actor]);
  for (let i = 0; ; i++) {
    const ok = await api.site('GET', '/health').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (i > 300) throw new Error(`the API did not come up; see ${logs}/api.log`);
    await sleep(100);
  }
  // People: the first committee member from the bootstrap command, then a chair per group,
  // registered by the committee through the API, each with their own token.
  tokens.committee = await bootstrapCommittee(env);
  // The Pact's 12 chairs and the Charter's 52 city coordinators (the first committee member sits on both committees), a few at a time.
  const participants = await api.get('/working-groups');
  for (let i = 0; i < participants.length; i += 8) {
    await Promise.all(
      participants.slice(i, i + 8).map(async (g: any) => {
        const user = await api.post('/users', { name: g.chair.name, email: g.chair.email, roles: ['chair'], groupKeys: [g.key] });
        tokens[`chair:${g.key}`] = (await api.post(`/users/${user.id}/tokens`, { name: 'demo', expiresInDays: 1 })).token;
      }),
    );
  }

  // The secretariat's own system listens to the committee's events through a signed webhook.
  const hook = await api.post('/webhooks', {
    url: hooks.url('/secretariat'),
    scope: 'network',
    kinds: ['escalation-summary', 'extended', 'report-compiled'],
    description: 'secretariat tracker',
  });
  // Like any receiver, it verifies each call with the standardwebhooks library (and refuses what fails).
  hooks.verifyWith('/secretariat', hook.secret);

  const config = parse(readFileSync(env.PACT_CONFIG, 'utf8'));
  const indicatorDefs: Record<string, IndicatorDef[]> = config.templates[0].indicatorsByGroup;
  const now = async () => new Date((await api.site('GET', '/health')).body.now);
  const fmt = (d: Date) => d.toISOString().slice(0, 10);

  console.log(`Pact monitoring engine — demo (1 day of cycle time = ${MS_PER_DAY} ms; logs in ${logs})`);
  console.log(`API on http://127.0.0.1:${port}; MongoDB ${uri.host}${uri.pathname}; Redis ${env.REDIS_URL}\n`);

  // The Charter's past rounds (2013–2022) from the sample history, imported by the committee as a
  // CSV file, so the round's report compares with 2022 and each city's trend starts in 2013.
  const charterCities: any[] = await api.get('/working-groups?programme=charter');
  const historyFile = join(ROOT, 'config', 'history', 'charter-history.sample.csv');
  const history = await fetch(`${api.baseUrl}/api/history?programme=charter`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.committee}`, 'content-type': 'text/csv' },
    body: readFileSync(historyFile),
  });
  if (history.status !== 201) throw new Error(`POST /history: ${history.status} ${await history.text()}`);
  const imported = (await history.json()) as { years: { year: number; participants: number }[]; answers: number };
  console.log(
    `committee imported the Charter's history: ${imported.answers} answers of ${imported.years.map((y) => `${y.year} (${y.participants} cities)`).join(', ')}`,
  );
  // A previous, shorter cycle (a pilot report) runs alongside the start of the main one and is
  // compiled long before it, so the main report can show the change since then.
  const t0 = new Date(Math.ceil(((await now()).getTime() + 2 * DAY) / DAY) * DAY);
  const previous = await api.post('/cycles', {
    name: 'Pact pilot report 2027 (previous cycle)',
    start: t0.toISOString(),
    lengthMonths: 6,
    milestones: [{ key: 'final', title: 'Pilot implementation report', kind: 'final', requestMonth: 2, dueMonth: 4, compileMonth: 6 }],
  });
  const mainStart = t0;
  const cycle = await api.post('/cycles', { name: 'Pact implementation cycle 2027–2029', start: mainStart.toISOString(), lengthMonths: 24 });
  console.log(`committee triggered "${previous.name}" and "${cycle.name}" (24 months from ${fmt(mainStart)}):`);
  for (const m of cycle.milestones)
    console.log(`  ${m.title}: requested ${fmt(new Date(m.requestAt))}, due ${fmt(new Date(m.dueAt))}, compiled ${fmt(new Date(m.compileAt))}`);

  // The Integrating Cities Charter's self-evaluation round, beside the Pact's cycle: its 52 cities
  // answer the Charter's questionnaire (its survey window from the programme's file).
  const questionnaire = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8'));
  const commitments: string[] = questionnaire.sections.flatMap((s: any) => s.questions.filter((q: any) => q.type === 'rating').map((q: any) => q.key));
  const trendKeys: string[] = questionnaire.sections
    .flatMap((s: any) => s.questions)
    .find((q: any) => q.key === 'good-practices')
    .questions.find((q: any) => q.key === 'trends')
    .options.map((o: any) => o.key);
  const cityKeys: string[] = charterCities.map((g: any) => g.key);
  const lastRatings = latestRatingsOf(readFileSync(historyFile, 'utf8'), charterCities);
  // The Charter's window (four months) with its report two months after, so that the cities answering late are in it.
  const round = await api.post('/cycles', {
    programme: 'charter',
    name: 'Charter self-evaluation 2027',
    start: t0.toISOString(),
    milestones: [{ key: 'survey', title: 'Self-evaluation', kind: 'final', requestMonth: 0, dueMonth: 4, compileMonth: 6 }],
  });
  const survey = round.milestones[0];
  console.log(
    `committee triggered "${round.name}" for ${round.groupKeys.length} cities: answers open ${fmt(new Date(survey.requestAt))} to ${fmt(new Date(survey.dueAt))}, network report ${fmt(new Date(survey.compileAt))}`,
  );
  console.log('');
  const cityPlace = new Map(cityKeys.map((k, i) => [k, i]));
  const cities = new CitySimulator(
    api,
    (city) => cityBehaviour(cityPlace.get(city) ?? 0),
    (city) => simulatedAnswers(city, commitments, trendKeys, lastRatings.get(city)),
    (t) => log(`[charter] ${t}`),
  );

  const log = (text: string) => console.log(`  ${text}`);
  const prevChairs = new ChairSimulator(
    api,
    (g) => PREVIOUS[g] ?? 'prompt',
    (t) => log(`[previous] ${t}`),
  );
  const chairs = new ChairSimulator(api, (g) => BEHAVIOUR[g] ?? 'prompt', log);
  for (const [g, defs] of Object.entries(indicatorDefs)) {
    prevChairs.setIndicators(g, defs);
    chairs.setIndicators(g, defs);
  }

  // The Charter's cities act in a loop of their own, so the Pact's chairs react as quickly as before.
  const charterRound = (async () => {
    let seenRound = 0;
    for (;;) {
      const r = await api.get(`/cycles/${round.id}`);
      const roundEvents = await api.get(`/cycles/${round.id}/events?skip=${seenRound}&limit=500`);
      seenRound += roundEvents.length;
      for (const e of roundEvents.filter((x: any) => x.type === 'report.compiled' || x.type === 'milestone.requested')) {
        const when = String(e.at).slice(0, 10);
        if (e.type === 'milestone.requested') log(`${when} [charter] self-evaluation requested from ${e.data.tasks} cities`);
        else log(`${when} [charter] network report compiled: ${e.data.onTime} answered on time, ${e.data.late} late, ${e.data.missing} said nothing`);
      }
      if (r.status !== 'scheduled' && r.status !== 'running') return;
      await cities.step(round.id);
      if (Date.now() - wall > 170_000) throw new Error('the Charter round did not complete in time');
      await sleep(250);
    }
  })();
  // Its failure is reported where it is awaited, after the Pact's loop.
  charterRound.catch(() => undefined);
  let seen = 0;
  let lastStatus = '';
  const interesting = new Set(['milestone.requested', 'task.escalated', 'report.compiled', 'cycle.completed']);
  for (;;) {
    const [p, c] = await Promise.all([api.get(`/cycles/${previous.id}`), api.get(`/cycles/${cycle.id}`)]);
    const events = await api.get(`/cycles/${cycle.id}/events?skip=${seen}&limit=500`);
    seen += events.length;
    for (const e of events.filter((x: any) => interesting.has(x.type))) {
      const when = String(e.at).slice(0, 10);
      if (e.type === 'task.escalated') log(`${when} ${e.groupKey} overdue: escalated to level ${e.data.level} (${e.data.target})`);
      else if (e.type === 'milestone.requested') log(`${when} ${e.data.milestoneKey} report requested from ${e.data.tasks} working groups`);
      else if (e.type === 'report.compiled')
        log(`${when} ${e.data.milestoneKey} report compiled: ${e.data.onTime} on time, ${e.data.late} late, ${e.data.missing} missing`);
      else if (e.type === 'cycle.completed') log(`${when} cycle completed`);
    }
    // The chairs react to what they now see (after the events above, so the output reads in order).
    if (p.status !== 'completed') await prevChairs.step(previous.id);
    await chairs.step(cycle.id);
    const t = c.progress.tasksByStatus;
    const status = `${fmt(await now())}  previous: ${p.status}; main: ${c.status} — tasks open ${t.open}, overdue ${t.overdue}, submitted ${t.submitted}`;
    if (status.slice(12) !== lastStatus) {
      console.log(status);
      lastStatus = status.slice(12);
    }
    if (c.status === 'completed' || c.status === 'cancelled') break;
    if (Date.now() - wall > 170_000) throw new Error('the cycle did not complete in time');
    await sleep(250);
  }

  await charterRound;
  const final = await api.get(`/cycles/${cycle.id}/report?milestone=final`);
  const midterm = await api.get(`/cycles/${cycle.id}/report?milestone=mid-term`);
  console.log(`\nMid-term progress report: ${midterm.coverage.onTime} on time, ${midterm.coverage.late} late, ${midterm.coverage.missing} missing.\n`);
  console.log(summariseReport(final));
  const network = await api.get(`/cycles/${round.id}/report`);
  // The network report as JSON (its numbers) once the API serves it; before that, the round's coverage.
  console.log(
    `\n${network.participation ? summariseNetworkReport(network) : `${round.name}: ${network.coverage.onTime} cities answered on time, ${network.coverage.late} late, ${network.coverage.missing} said nothing`}`,
  );
  const file = join(logs, 'implementation-report.json');
  writeFileSync(file, JSON.stringify(final, null, 2));
  const timeline = await api.get(`/cycles/${cycle.id}/events?limit=500`);
  writeFileSync(join(logs, 'events.json'), JSON.stringify(timeline, null, 2));
  const page = join(logs, 'implementation-report.html');
  const html = await api.request('GET', `/cycles/${cycle.id}/report?milestone=final&format=html`);
  writeFileSync(page, String(html.body ?? ''));
  // The same page printed to A4 by the API's headless Chromium (a 503 says why when it has none).
  const pdfFile = join(logs, 'implementation-report.pdf');
  const pdf = await fetch(`${api.baseUrl}/api/cycles/${cycle.id}/report?milestone=final&format=pdf`, {
    headers: { authorization: `Bearer ${tokens.committee}` },
  });
  if (pdf.ok) writeFileSync(pdfFile, Buffer.from(await pdf.arrayBuffer()));
  else console.log(`\n(no PDF: ${pdf.status} ${((await pdf.json().catch(() => ({}))) as { message?: string }).message ?? ''})`);
  console.log(`\nThe full report: ${page} (a standalone page with charts${pdf.ok ? `; as PDF: ${pdfFile}` : ''}; JSON beside it: ${file})`);

  // What people received: the delivery log, the e-mails in the outbox, the webhook calls checked as a receiver would.
  await sleep(2000);
  const deliveryLog = await api.get('/deliveries?limit=1');
  const byKind = new Map<string, number>();
  const byLanguage = new Map<string, number>();
  for (const m of mail.messages) {
    const kind = String(m.headers.get('x-pact-kind') ?? '?');
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    const lang = String(m.headers.get('content-language') ?? '?');
    byLanguage.set(lang, (byLanguage.get(lang) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const calls = hooks.at('/secretariat');
  const verified = calls.filter((c) => c.verdict?.ok).length;
  // What a receiver is for: an altered body, or a genuine signature on an old timestamp, is refused.
  const last = calls.at(-1);
  const refusals = last
    ? [await hooks.replay(last, { body: last.body.replace('}', ',"forged":true}') }), await hooks.replay(last, { timestampSeconds: last.receivedAt - 600 })]
    : [];
  console.log(`\nDeliveries (${JSON.stringify(deliveryLog.byStatus)}):`);
  console.log(`  ${mail.messages.length} e-mails through SMTP — ${list(byKind)}; languages: ${list(byLanguage)}; in ${join(logs, 'outbox')}`);
  console.log(`  ${calls.length} webhook calls to the secretariat, ${verified} verified by the standardwebhooks library`);
  for (const [what, r] of refusals.map((r, i) => [['a tampered body', 'an old timestamp'][i], r] as const)) {
    console.log(`  a replay with ${what}: ${r.status} (${r.verdict?.ok === false ? r.verdict.error : 'accepted!'})`);
  }
  // The chair who never submitted still has the overdue report in their calendar.
  const calendar = await api.request('POST', '/me/calendar', undefined, 'chair:development-cooperation');
  const feed = await api.site('GET', new URL((calendar.body as { url: string }).url).pathname);
  writeFileSync(join(logs, 'calendar-development-cooperation.ics'), String(feed.body ?? ''));
  console.log(`  a chair's private calendar feed: ${join(logs, 'calendar-development-cooperation.ics')}`);
  console.log(`Done in ${Math.round((Date.now() - wall) / 1000)} s of wall time.`);
  if (!SERVE) {
    console.log(`\nTo read the report in the browser, signed in as the committee or a chair: npm run demo -- --serve`);
    stopAll();
    await Promise.all([mail.stop(), hooks.stop()]);
    return;
  }
  await serve(cycle.id);

  /**
   * Keeps the API (the pages), the worker and the outbox running, prints where the report is and
   * a sign-in link for the committee member and one chair (issued by the engine's SignInService,
   * as `npm start` does), and waits for Ctrl-C.
   */
  async function serve(cycleId: string): Promise<void> {
    const site = env.PUBLIC_URL;
    const reportPath = `/cycles/${cycleId}/report?milestone=final`;
    const chairGroup = 'education';
    const [chairTask] = await api.get(`/cycles/${cycleId}/tasks?milestone=final&group=${chairGroup}`);
    const group = await api.get(`/working-groups/${chairGroup}`);
    const chair = group.chair;
    const users = await api.get('/users?limit=500');
    const userOf = (email: string) => users.find((u: any) => u.email === email.toLowerCase());
    const committee = users.find((u: any) => u.roles.includes('committee'));
    const chairUser = userOf(chair.email);
    Object.assign(process.env, env);
    const ctx = await NestFactory.createApplicationContext(SignInLinksModule, { logger: ['error'] });
    let links: { committee: { url: string; expiresAt: Date }; chair: { url: string; expiresAt: Date } };
    try {
      const signIn = ctx.get(SignInService);
      links = { committee: await signIn.issueLink(committee.id, reportPath), chair: await signIn.issueLink(chairUser.id, `/tasks/${chairTask.id}`) };
    } finally {
      await ctx.close();
    }
    const until = (d: Date) => d.toLocaleTimeString();
    console.log(`\nThe demo keeps running: ${site}`);
    console.log(`The compiled report in the browser: ${site}${reportPath}\n`);
    console.log(
      `Sign in as the steering committee, ${committee.name} <${committee.email}>, to read it (the link works once, until ${until(links.committee.expiresAt)}):`,
    );
    console.log(`  committee: ${links.committee.url}\n`);
    console.log(
      `Sign in as the chair of "${group.fieldOfAction}", ${chairUser.name} <${chairUser.email}>, to see their report request and its revisions (until ${until(links.chair.expiresAt)}):`,
    );
    console.log(`  chair: ${links.chair.url}\n`);
    console.log(`A sign-in link works for ${SIGN_IN_LINK_MINUTES} minutes. For a new one, open ${site}/sign-in and enter the address;`);
    console.log(`the e-mail lands in the demo's outbox, ${join(logs, 'outbox')} (one .eml file each).`);
    console.log('Stop with Ctrl-C.');
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.removeAllListeners('SIGINT');
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    console.log('\nStopping the demo…');
    const exited = children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : Promise.resolve()));
    stopAll();
    await Promise.all(exited);
    await Promise.all([mail.stop(), hooks.stop()]);
  }
}

/** Stops the API and worker the demo started: also when it fails, so none outlives it. */
let stopChildren: () => void = () => undefined;

main().then(
  () => setTimeout(() => process.exit(0), 500),
  (err) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : err}`);
    stopChildren();
    process.exit(1);
  },
);
