import request from 'supertest';
import { aPerson, appWithPages, PagesApp, textOf } from './testing/app-with-pages';

/** The page chain (web-app.ts) as mounted: on the page controllers' routes, and on unknown paths that are not the API's. */
describe('the page chain', () => {
  let pages: PagesApp;
  const http = () => request(pages.app.getHttpServer());

  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => pages.signIn(null));

  it('gives pages their CSP, no-store and a form token; the signed-out form nonce cookie', async () => {
    const res = await http().get('/sign-in').expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['set-cookie'])).toContain('pact_form=');
    expect(res.text).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]+"/);
  });

  it('leaves machine paths alone: the API answers its unknown paths in JSON, without page headers, session or form cookie', async () => {
    for (const path of ['/api/no-such-thing', '/health/no-such-thing', '/calendar/x']) {
      const res = await pages.get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
      // The API's own headers (its CSP allows the API docs' inline scripts): mounted on the machine paths.
      expect(res.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
      expect(res.headers['cache-control']).not.toBe('no-store');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers an unknown page path with the 404 page, after the chain (headers, the person, their language)', async () => {
    pages.signIn(aPerson({ language: 'de' }));
    const res = await pages.get('/no-such-page').expect(404);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('lang="de"');
    expect(res.text).toContain('href="/cycles"');
  });

  it('answers a post to a path no page serves with the 404 page, not a CSRF refusal', async () => {
    pages.signIn(aPerson());
    const res = await pages.post('/no-such-page', { a: 'b' }, { csrf: false }).expect(404);
    expect(textOf(res.text)).toContain('Page not found');
    expect(res.text).toContain(`name="_csrf" value="${pages.csrfToken()}"`);
  });

  it('answers a form body over the limit with the 413 page, and a form without its token with the 403 page', async () => {
    pages.signIn(aPerson());
    const tooLarge = await pages.post('/settings', { timeZone: 'x'.repeat(1_100_000) }).expect(413);
    expect(textOf(tooLarge.text)).toContain('This form is too large');
    expect(tooLarge.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const refused = await pages.post('/settings', { timeZone: 'Europe/Berlin' }, { csrf: false }).expect(403);
    expect(textOf(refused.text)).toContain('This form could not be sent');
  });

  it('takes the signed-in token only for the session it was made for', async () => {
    pages.signIn(aPerson({ sessionId: 's-other' }));
    const other = pages.csrfToken();
    pages.signIn(aPerson());
    expect(pages.csrfToken()).not.toBe(other);
    const res = await http()
      .post('/settings')
      .set('Cookie', 'pact_session=test-session')
      .type('form')
      .send({ _csrf: other, timeZone: 'Europe/Berlin' })
      .expect(403);
    expect(textOf(res.text)).toContain('This form could not be sent');
  });
});
