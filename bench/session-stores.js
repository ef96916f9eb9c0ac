/* eslint-disable */
// Sessions on the pages: the hand-written store (libs/engine/src/sign-in/session.service.ts) vs.
// express-session + connect-mongo + csrf-sync, on the same MongoDB-wire server, each behind a
// minimal Express app answering one signed-in page request (session read, user read, CSRF token).
// Not part of the build: the three packages are not dependencies. To run it:
//   mkdir /tmp/sb && cd /tmp/sb && npm init -y && npm i express@5.2.1 express-session@1.19.0 connect-mongo@6.0.0 csrf-sync@4.2.1 mongodb@<the project's>
//   NODE_PATH=/tmp/sb/node_modules bash scripts/with-services.sh node bench/session-stores.js
// Prints per-request medians (ms) with N sessions stored, and the cost of "sign out everywhere".
const express = require('express');
const session = require('express-session');
const { MongoStore } = require('connect-mongo');
const { csrfSync } = require('csrf-sync');
const { MongoClient, ObjectId } = require('mongodb');
const { createHash, randomBytes, createHmac } = require('node:crypto');

const N = (process.env.BENCH_SESSIONS ?? '1000,5000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const sha = (v) => createHash('sha256').update(v).digest('hex');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeRequests(port, cookie) {
  const out = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = process.hrtime.bigint();
    const res = await fetch(`http://127.0.0.1:${port}/page`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
    await res.text();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

const listen = (app) => new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });

async function main() {
  const client = await MongoClient.connect(process.env.MONGODB_URI);
  const db = client.db('session_bench');
  await db.dropDatabase();
  const users = db.collection('users');
  const user = { _id: new ObjectId(), email: 'a@b.c', roles: ['chair'] };
  await users.insertOne(user);
  const key = randomBytes(32);
  const rows = [];
  for (const n of N) {
    // Hand-written: as SessionRepository, by tokenHash (unique index), then the user by _id.
    const hw = db.collection(`hw_${n}`);
    await hw.createIndex({ tokenHash: 1 }, { unique: true });
    await hw.createIndex({ userId: 1 });
    const now = new Date();
    const docs = Array.from({ length: n }, () => ({ tokenHash: sha(randomBytes(32).toString('base64url')), userId: new ObjectId().toHexString(), createdAt: now, lastSeenAt: now, idleExpiresAt: new Date(+now + 3600e3), expiresAt: new Date(+now + 3600e3 * 12) }));
    for (let i = 0; i < docs.length; i += 500) await hw.insertMany(docs.slice(i, i + 500));
    const cookie = randomBytes(32).toString('base64url');
    const mine = await hw.insertOne({ tokenHash: sha(cookie), userId: user._id.toHexString(), createdAt: now, lastSeenAt: now, idleExpiresAt: new Date(+now + 3600e3), expiresAt: new Date(+now + 3600e3 * 12) });
    const hwApp = express();
    hwApp.get('/page', async (req, res) => {
      const c = /pact_session=([^;]+)/.exec(req.headers.cookie ?? '')[1];
      const s = await hw.findOne({ tokenHash: sha(c) });
      const now = new Date();
      if (!s || s.expiresAt <= now || s.idleExpiresAt <= now) return res.status(401).end();
      const u = await users.findOne({ _id: new ObjectId(s.userId) });
      res.send(`${u.email} ${createHmac('sha256', key).update(`session|${s._id}`).digest('base64url')}`);
    });
    const hwServer = await listen(hwApp);
    const hwMs = await timeRequests(hwServer.address().port, `pact_session=${cookie}`);
    hwServer.close();

    // The same store keyed by _id = sha256(cookie): the one filter FerretDB pushes down.
    const hi = db.collection(`hi_${n}`);
    await hi.createIndex({ userId: 1 });
    for (let i = 0; i < docs.length; i += 500) await hi.insertMany(docs.slice(i, i + 500).map(({ tokenHash, ...d }) => ({ _id: tokenHash, ...d })));
    await hi.insertOne({ _id: sha(cookie), userId: user._id.toHexString(), createdAt: now, lastSeenAt: now, idleExpiresAt: new Date(+now + 3600e3), expiresAt: new Date(+now + 3600e3 * 12) });
    const hiApp = express();
    hiApp.get('/page', async (req, res) => {
      const c = /pact_session=([^;]+)/.exec(req.headers.cookie ?? '')[1];
      const s = await hi.findOne({ _id: sha(c) });
      const now = new Date();
      if (!s || s.expiresAt <= now || s.idleExpiresAt <= now) return res.status(401).end();
      const u = await users.findOne({ _id: new ObjectId(s.userId) });
      res.send(`${u.email} ${createHmac('sha256', key).update(`session|${s._id}`).digest('base64url')}`);
    });
    const hiServer = await listen(hiApp);
    const hiMs = await timeRequests(hiServer.address().port, `pact_session=${cookie}`);
    hiServer.close();

    // express-session + connect-mongo (session as a document, so "everywhere" can query by user) + csrf-sync.
    const collectionName = `es_${n}`;
    const store = MongoStore.create({ client, dbName: 'session_bench', collectionName, stringify: false, touchAfter: 60, autoRemove: 'interval' }); // 'native' (a TTL index) fails on FerretDB 1.24: "expireAfterSeconds is not implemented yet"
    const es = db.collection(collectionName);
    const esDocs = docs.map((d) => ({ _id: randomBytes(24).toString('base64url'), expires: d.expiresAt, session: { cookie: { originalMaxAge: 3600e3, expires: d.idleExpiresAt, httpOnly: true, path: '/' }, userId: d.userId, createdAt: now, csrfToken: 'x' } }));
    for (let i = 0; i < esDocs.length; i += 500) await es.insertMany(esDocs.slice(i, i + 500));
    const { generateToken } = csrfSync();
    const esApp = express();
    esApp.use(session({ name: 'pact_session', secret: 'bench', store, resave: false, saveUninitialized: false, rolling: true, cookie: { maxAge: 3600e3, httpOnly: true, sameSite: 'lax' } }));
    esApp.get('/login', (req, res) => req.session.regenerate(() => { req.session.userId = user._id.toHexString(); req.session.createdAt = Date.now(); generateToken(req); res.send('ok'); }));
    esApp.get('/page', async (req, res) => {
      if (!req.session.userId || Date.now() - req.session.createdAt > 12 * 3600e3) return res.status(401).end();
      const u = await users.findOne({ _id: new ObjectId(req.session.userId) });
      res.send(`${u.email} ${generateToken(req)}`);
    });
    const esServer = await listen(esApp);
    const login = await fetch(`http://127.0.0.1:${esServer.address().port}/login`);
    await login.text(); // express-session stores the session while the body is being sent
    const esCookie = login.headers.get('set-cookie').split(';')[0];
    await timeRequests(esServer.address().port, esCookie); // warm-up, as the others had theirs in their first run
    const esMs = await timeRequests(esServer.address().port, esCookie);
    esServer.close();

    // Sign out everywhere: by userId (an index on MongoDB; a scan on FerretDB, which pushes down only _id).
    let t = process.hrtime.bigint();
    const hwEnded = (await hw.deleteMany({ userId: user._id.toHexString() })).deletedCount;
    const hwEverywhere = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    const esEnded = (await es.deleteMany({ 'session.userId': user._id.toHexString() })).deletedCount;
    const esEverywhere = Number(process.hrtime.bigint() - t) / 1e6;
    rows.push({ sessions: n, handWrittenByHashMs: hwMs, handWrittenById: hiMs, expressSessionMs: esMs, signOutEverywhereHandWrittenMs: hwEverywhere, signOutEverywhereExpressSessionMs: esEverywhere, ended: [hwEnded, esEnded] });
    console.log(JSON.stringify(rows.at(-1)));
  }
  await db.dropDatabase();
  await client.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
