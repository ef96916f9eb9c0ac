import { MailSink } from '../apps/demo/src/delivery-sinks';
import { EngineHarness, shortCycle } from './support/engine-harness';
import { askForLink, browserAgent, csrfOf, followLink, signInLinkFor, signInMailsTo, signInOverHttp } from './support/web';

const cookieOf = (res: { headers: Record<string, any> }, name: string): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));

/**
 * People's sign-in over HTTP against the real API, MongoDB-wire server and SMTP: e-mail links,
 * sessions, CSRF, fixation, sign-out everywhere, expiry, and what is (not) stored.
 */
describe('sign-in for people (e2e)', () => {
  const sink = new MailSink();
  let h: EngineHarness;
  const committee = 'committee@test.example.org';

  beforeAll(async () => {
    await sink.start();
    h = new EngineHarness({ worker: false, env: { ...sink.env() } });
    await h.start();
    await h.tokenFor(['chair'], ['education']);
    await h.tokenFor(['operator']);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  it('signs a person in with a one-time link from an e-mail; the cookie is HttpOnly and SameSite=Lax', async () => {
    const agent = browserAgent(h);
    const form = await agent.get('/sign-in').expect(200);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(form.text).toContain('<label class="label" for="email">');
    const asked = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: ' Committee@Test.Example.org ' })
      .expect(200);
    expect(asked.text).toContain('Check your email');

    const link = await signInLinkFor(h, sink, committee);
    const mail = sink.to(committee).at(-1)!;
    expect(mail.subject).toBe('[European Pact for Integration] Your sign-in link');
    expect(mail.subject).not.toContain(link);
    const opened = await agent.get(link).expect(200);
    expect(opened.text).toContain('Continue');
    // Opening the link's page (as a mail scanner would) does not use it up.
    await agent.get(link).expect(200);
    const done = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(opened.text) })
      .expect(303);
    expect(done.headers.location).toBe('/');
    const cookie = cookieOf(done, 'pact_session')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    // Home sends the committee to the cycles.
    const home = await agent.get('/').expect(303);
    expect(home.headers.location).toBe('/cycles');
    const cycles = await agent.get('/cycles').expect(200);
    expect(cycles.text).toContain('Signed in as Test Committee');
  });

  it('answers alike for an unknown address, and e-mails nobody', async () => {
    const known = await askForLink(browserAgent(h), committee);
    expect(known.status).toBe(200);
    const unknown = await askForLink(browserAgent(h), 'nobody@test.example.org');
    expect(unknown.status).toBe(200);
    const body = (r: { text: string }, email: string) => r.text.replace(email, '<address>').replace(/name="_csrf" value="[^"]+"/g, '');
    expect(body(unknown, 'nobody@test.example.org')).toBe(body(known, committee));
    await signInLinkFor(h, sink, committee);
    expect(sink.to('nobody@test.example.org')).toEqual([]);
  });

  it('keeps the link only as a hash: not in MongoDB, not in the delivery log', async () => {
    const before = signInMailsTo(sink, committee);
    expect((await askForLink(browserAgent(h), committee)).status).toBe(200);
    const link = await signInLinkFor(h, sink, committee, before);
    const token = link.split('/').pop()!;
    for (const name of ['sign_in_links', 'deliveries', 'events', 'sessions', 'users']) {
      const docs = await h.db.collection(name).find({}).toArray();
      expect([name, JSON.stringify(docs).includes(token)]).toEqual([name, false]);
    }
    const stored = await h.db.collection('sign_in_links').find({}).toArray();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // The delivery log shows the e-mail (to operators), with the link withheld.
    const op = h.agent(await h.tokenFor(['operator']));
    const log = (await op.get('/api/deliveries?recipient=committee@test.example.org&channel=email').expect(200)).body;
    const signIn = log.items.find((d: any) => d.kind === 'sign-in-link');
    expect(signIn).toMatchObject({ status: 'delivered', channel: 'email' });
    expect(signIn.message.text).toContain('[sign-in link withheld]');
    expect(signIn.message.subject).toBe('[European Pact for Integration] Your sign-in link');
    await op.post(`/api/deliveries/${signIn.id}/retry`).expect(409);
    const byKind = (await op.get('/api/deliveries?kind=sign-in-link').expect(200)).body;
    expect(byKind.items.length).toBeGreaterThan(0);
    expect(byKind.items.every((d: any) => d.kind === 'sign-in-link' && d.message.text.includes('[sign-in link withheld]'))).toBe(true);
    // Webhooks cannot subscribe to personal messages.
    await h.http
      .post('/api/webhooks')
      .send({ url: 'http://127.0.0.1:9/x', scope: 'network', kinds: ['sign-in-link'] })
      .expect(400);
  });

  it('refuses a used link and an expired one, with a page that offers a new link', async () => {
    const agent = browserAgent(h);
    const before = signInMailsTo(sink, committee);
    expect((await askForLink(agent, committee)).status).toBe(200);
    const link = await signInLinkFor(h, sink, committee, before);
    await followLink(agent, link).then((r) => expect(r.status).toBe(303));
    const reused = await browserAgent(h).get(link).expect(410);
    expect(reused.text).toContain('This sign-in link cannot be used');
    expect(reused.text).toContain('href="/sign-in"');
    // Even posting straight to it (skipping the page) signs nobody in.
    const other = browserAgent(h);
    const form = await other.get('/sign-in').expect(200);
    await other
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(form.text) })
      .expect(410);

    const mails = signInMailsTo(sink, committee);
    expect((await askForLink(agent, committee)).status).toBe(200);
    const expiring = await signInLinkFor(h, sink, committee, mails);
    await h.db.collection('sign_in_links').updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await browserAgent(h).get(expiring).expect(410);
    await followLink(browserAgent(h), expiring).then((r) => expect(r.status).toBe(410));
    await browserAgent(h).get('/sign-in/not-a-token').expect(410);
  });

  it('links in e-mails pass through sign-in to the page they name; only same-site pages are accepted', async () => {
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Next cycle', groups: ['education'] }))
        .expect(201)
    ).body;
    const anonymous = browserAgent(h);
    const bounced = await anonymous.get(`/cycles/${cycle.id}`).expect(303);
    expect(bounced.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/cycles/${cycle.id}`)}`);
    const form = await anonymous.get(bounced.headers.location).expect(200);
    expect(form.text).toContain(`name="next" value="/cycles/${cycle.id}"`);
    const agent = await signInOverHttp(h, sink, committee, `/cycles/${cycle.id}`);
    // signInOverHttp checked the 303; the session opens the page.
    expect((await agent.get(`/cycles/${cycle.id}`).expect(200)).text).toContain('Next cycle');

    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/api/me']) {
      const a = browserAgent(h);
      const before = signInMailsTo(sink, committee);
      expect((await askForLink(a, committee, evil)).status).toBe(200);
      const res = await followLink(a, await signInLinkFor(h, sink, committee, before));
      expect([evil, res.status, res.headers.location]).toEqual([evil, 303, '/']);
    }
  });

  it('refuses forms without the right CSRF token with a clear 403 page', async () => {
    const agent = browserAgent(h);
    await agent.get('/sign-in').expect(200);
    const missing = await agent.post('/sign-in').type('form').send({ email: committee }).expect(403);
    expect(missing.text).toContain('This form could not be sent');
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    // A token from another browser does not match this browser's cookie.
    const elsewhere = csrfOf((await browserAgent(h).get('/sign-in')).text);
    await agent.post('/sign-in').type('form').send({ _csrf: elsewhere, email: committee }).expect(403);
    // A forged signature on a matching nonce is refused too.
    const own = csrfOf((await agent.get('/sign-in')).text);
    await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: `${own.split('.')[0]}.forged`, email: committee })
      .expect(403);

    // Signed in: the session's token, and no other, is accepted.
    const person = await signInOverHttp(h, sink, committee);
    const settings = await person.get('/settings').expect(200);
    await person.post('/settings').type('form').send({ language: 'de', timeZone: 'Europe/Berlin' }).expect(403);
    await person.post('/settings').type('form').send({ _csrf: own, language: 'de', timeZone: 'Europe/Berlin' }).expect(403);
    await person
      .post('/settings')
      .type('form')
      .send({ _csrf: csrfOf(settings.text), language: 'en', timeZone: 'Europe/Berlin' })
      .expect(303);
    const user = await h.db.collection('users').findOne({ email: committee });
    expect(user).toMatchObject({ language: 'en', timeZone: 'Europe/Berlin' });
  });

  it('issues a new session id at sign-in: a cookie planted before is never the session', async () => {
    const planted = browserAgent(h);
    // The browser already holds a (valid) session id, e.g. one an attacker fixed in advance.
    const first = await signInOverHttp(h, sink, committee);
    const firstCookie = (await first.get('/settings')).request.cookies;
    const value = /pact_session=([^;]+)/.exec(firstCookie)!;
    planted.jar.setCookie(`pact_session=${value[1]}`, '127.0.0.1', '/');
    await planted.get('/settings').expect(200);
    const before = signInMailsTo(sink, committee);
    expect((await askForLink(planted, committee)).status).toBe(200);
    const res = await followLink(planted, await signInLinkFor(h, sink, committee, before));
    const fresh = /pact_session=([^;]+)/.exec(cookieOf(res, 'pact_session')!)![1];
    expect(fresh).not.toBe(value[1]);
    // The old id is ended: whoever knew it is signed out.
    await first.get('/settings').expect(303);
    await planted.get('/settings').expect(200);
  });

  it('signs out here, and everywhere', async () => {
    const a = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    const b = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    const page = await a.get('/my-tasks').expect(200);
    const out = await a
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    expect(out.headers.location).toBe('/signed-out');
    expect(cookieOf(out, 'pact_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    await a.get('/my-tasks').expect(303);
    await b.get('/my-tasks').expect(200);

    const c = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    const user = await h.db.collection('users').findOne({ email: 'chair.education@test.example.org' });
    expect(await h.db.collection('sessions').countDocuments({ userId: String(user!._id) })).toBe(2);
    const settings = await c.get('/settings').expect(200);
    const everywhere = await c
      .post('/sign-out/everywhere')
      .type('form')
      .send({ _csrf: csrfOf(settings.text) })
      .expect(303);
    expect(everywhere.headers.location).toBe('/signed-out?everywhere=1');
    await b.get('/my-tasks').expect(303);
    await c.get('/my-tasks').expect(303);
    expect(await h.db.collection('sessions').countDocuments({ userId: String(user!._id) })).toBe(0);
  });

  it('ends sessions that were idle too long or reached their absolute limit (checked in code)', async () => {
    const idle = await signInOverHttp(h, sink, committee);
    const old = await signInOverHttp(h, sink, committee);
    const sessions = await h.db.collection('sessions').find({}).sort({ createdAt: -1 }).limit(2).toArray();
    const [oldOne, idleOne] = sessions;
    await h.db.collection('sessions').updateOne({ _id: idleOne._id }, { $set: { idleExpiresAt: new Date(Date.now() - 1000) } });
    await h.db.collection('sessions').updateOne({ _id: oldOne._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const bounced = await idle.get('/settings').expect(303);
    expect(bounced.headers.location).toBe('/sign-in?next=%2Fsettings');
    await old.get('/settings').expect(303);
    expect(await h.db.collection('sessions').countDocuments({ _id: { $in: [oldOne._id, idleOne._id] } })).toBe(0);
  });

  it('keeps API tokens for machines: the pages ignore them, the API ignores sessions', async () => {
    await h.http.get('/api/me').expect(200);
    const viaToken = await h.http.get('/cycles').expect(303);
    expect(viaToken.headers.location).toMatch(/^\/sign-in/);
    const person = await signInOverHttp(h, sink, committee);
    await person.get('/api/me').expect(401);
  });

  it('lets an operator signed in on the pages open the queue dashboard; changes only from this site', async () => {
    const op = await signInOverHttp(h, sink, 'operator@test.example.org');
    await op.get('/admin/queues').expect(200);
    await op.get('/admin/queues/api/queues').expect(200);
    await op.put('/admin/queues/api/queues/maintenance/clean/completed').set('Sec-Fetch-Site', 'cross-site').expect(403);
    await op.put('/admin/queues/api/queues/maintenance/clean/completed').expect(403);
    await op.put('/admin/queues/api/queues/maintenance/clean/completed').set('Sec-Fetch-Site', 'same-origin').expect(200);
    const chair = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    await chair.get('/admin/queues/api/queues').expect(403);
    await browserAgent(h).get('/admin/queues/api/queues').expect(401);
  });

  it('answers with pages by role: 403 and 404 pages without detail, JSON under /api', async () => {
    const chair = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    expect((await chair.get('/').expect(303)).headers.location).toBe('/my-tasks');
    const forbidden = await chair.get('/operations').expect(403);
    expect(forbidden.text).toContain('You cannot open this page');
    const missing = await chair.get('/no-such-page').expect(404);
    expect(missing.text).toContain('Page not found');
    expect(missing.text).not.toMatch(/at .*\.ts|Error:|stack/i);
    await chair.get('/tasks/000000000000000000000000').expect(404);
    const api404 = await h.http.get('/api/no-such-thing').expect(404);
    expect(api404.headers['content-type']).toMatch(/json/);
  });

  it('serves pages with a CSP without inline script or style, and static assets from the same origin', async () => {
    const res = await browserAgent(h).get('/sign-in').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\sstyle=/);
    await browserAgent(h)
      .get('/assets/site.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    await browserAgent(h)
      .get('/assets/site.js')
      .expect(200)
      .expect('content-type', /javascript/);
    // The API docs keep what they need.
    const docs = await browserAgent(h).get('/api/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("'unsafe-inline'");
  });

  it('picks the language from Accept-Language, and remembers a choice', async () => {
    const agent = browserAgent(h);
    const de = await agent.get('/sign-in').set('Accept-Language', 'de-CH,de;q=0.9,en;q=0.5').expect(200);
    expect(de.text).toContain('<html lang="de">');
    expect(de.text).toContain('Anmelden');
    const switched = await agent
      .post('/language')
      .type('form')
      .send({ _csrf: csrfOf(de.text), lang: 'fr', next: '/sign-in' })
      .expect(303);
    expect(switched.headers.location).toBe('/sign-in');
    const fr = await agent.get('/sign-in').set('Accept-Language', 'de').expect(200);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain('Se connecter');
  });
});

describe('sign-in rate limits and https cookies (e2e)', () => {
  const sink = new MailSink();
  let h: EngineHarness;
  beforeAll(async () => {
    await sink.start();
    h = new EngineHarness({
      worker: false,
      env: { ...sink.env(), PUBLIC_URL: 'https://pact.test', SIGN_IN_LIMIT_PER_ADDRESS: '3', SIGN_IN_LIMIT_PER_CLIENT: '8' },
    });
    await h.start();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  it('marks cookies Secure with the __Host- prefix when PUBLIC_URL is https', async () => {
    const res = await request(h).get('/sign-in').expect(200);
    const form = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('__Host-pact_form='))!;
    expect(form).toMatch(/; Secure/i);
    expect(form).toMatch(/Path=\//);
    expect(form).toMatch(/HttpOnly/i);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('limits requests per address (known or not, alike) and per client, with a 429 page', async () => {
    const statuses = async (email: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const agent = browserAgent(h);
        const form = await agent.get('/sign-in');
        const token = csrfOf(form.text);
        const nonce = /__Host-pact_form=([^;]+)/.exec(([] as string[]).concat(form.headers['set-cookie']).join(';'))![1];
        // The Secure cookie is not sent back over http by the agent: send it by hand.
        const res = await agent.post('/sign-in').set('Cookie', `__Host-pact_form=${nonce}`).type('form').send({ _csrf: token, email });
        out.push(res.status);
        if (res.status === 429) {
          expect(res.headers['retry-after']).toMatch(/^\d+$/);
          expect(res.text).toContain('Try again in');
          expect(res.text).toContain('There is a problem');
        }
      }
      return out;
    };
    expect(await statuses('committee@test.example.org', 4)).toEqual([200, 200, 200, 429]);
    expect(await statuses('nobody@test.example.org', 4)).toEqual([200, 200, 200, 429]);
    // 8 requests from this client so far: the next address is refused for the client's sake.
    expect(await statuses('someone.else@test.example.org', 1)).toEqual([429]);
    expect(signInMailsTo(sink, 'committee@test.example.org')).toBeLessThanOrEqual(3);
  });
});

describe('sign-in limits behind a reverse proxy (e2e)', () => {
  const sink = new MailSink();
  const started: EngineHarness[] = [];
  afterAll(async () => {
    for (const h of started) await h.stop();
    await sink.stop();
  }, 60_000);
  beforeAll(() => sink.start());

  /** Asks for a link as a client the proxy names in X-Forwarded-For; the answer's status. */
  const ask = async (h: EngineHarness, forwardedFor: string, email: string) => {
    const agent = browserAgent(h);
    const form = await agent.get('/sign-in').set('X-Forwarded-For', forwardedFor).expect(200);
    return (
      await agent
        .post('/sign-in')
        .set('X-Forwarded-For', forwardedFor)
        .type('form')
        .send({ _csrf: csrfOf(form.text), email })
    ).status;
  };
  const harness = async (env: Record<string, string>) => {
    // Set here, not inherited: harnesses of one file share process.env (the https one above sets PUBLIC_URL).
    const h = new EngineHarness({
      worker: false,
      env: { ...sink.env(), PUBLIC_URL: 'http://localhost:3000', TRUST_PROXY: '', SIGN_IN_LIMIT_PER_ADDRESS: '100', SIGN_IN_LIMIT_PER_CLIENT: '2', ...env },
    });
    started.push(h);
    return h.start();
  };

  it('TRUST_PROXY=loopback: each person behind the proxy has their own per-client limit', async () => {
    const h = await harness({ TRUST_PROXY: 'loopback' });
    expect([
      await ask(h, '203.0.113.1', 'a@test.example.org'),
      await ask(h, '203.0.113.1', 'b@test.example.org'),
      await ask(h, '203.0.113.1', 'c@test.example.org'),
    ]).toEqual([200, 200, 429]);
    expect(await ask(h, '203.0.113.2', 'd@test.example.org')).toBe(200);
  }, 60_000);

  it('without TRUST_PROXY, X-Forwarded-For is not believed: a client cannot escape its limit by naming another address', async () => {
    const h = await harness({});
    expect([
      await ask(h, '203.0.113.1', 'a@test.example.org'),
      await ask(h, '203.0.113.2', 'b@test.example.org'),
      await ask(h, '203.0.113.3', 'c@test.example.org'),
    ]).toEqual([200, 200, 429]);
  }, 60_000);
});

function request(h: EngineHarness) {
  return browserAgent(h);
}
