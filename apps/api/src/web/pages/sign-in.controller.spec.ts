import { SessionService, SignInLinkUnusable, SignInService, TooManySignInRequests } from '@pact/engine';
import request from 'supertest';
import { cookieNames } from '../cookies';
import { aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { expectFieldError } from '../testing/page-assertions';

const TOKEN = 'a'.repeat(43);
/** The site's cookies over http (the test app's PUBLIC_URL). */
const COOKIE = cookieNames(false);

describe('Sign-in pages (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(null);
  });

  /** The form cookie and token the sign-in page gave a signed-out browser (the signed double submit). */
  let formCookie: string;
  let formToken: string;
  beforeAll(async () => {
    pages.signIn(null);
    const page = await request(pages.app.getHttpServer()).get('/sign-in').expect(200);
    formCookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(`${COOKIE.form}=`))!.split(';')[0];
    formToken = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  });

  /** That browser's form post, with any other cookies it holds (a language, an old session). */
  const signedOutPost = (path: string, form: Record<string, string>, opts: { cookies?: string[]; csrf?: boolean } = {}) =>
    request(pages.app.getHttpServer())
      .post(path)
      .set('Cookie', [formCookie, ...(opts.cookies ?? [])].join('; '))
      .type('form')
      .send(opts.csrf === false ? form : { _csrf: formToken, ...form });

  it('the form carries a signed token, and keeps a page of the site to go on to, never another site', async () => {
    let res = await pages.get('/sign-in?next=%2Fcycles%2F1').expect(200);
    expect(res.text).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]+"/);
    expect(res.text).toContain('<input type="hidden" name="next" value="/cycles/1">');
    res = await pages.get('/sign-in?next=https%3A%2F%2Fevil.example%2F').expect(200);
    expect(res.text).toContain('<input type="hidden" name="next" value="">');
    res = await pages.get('/sign-in?next=%2F%2Fevil.example').expect(200);
    expect(res.text).toContain('<input type="hidden" name="next" value="">');
  });

  it('asks for a link for the address typed, in the reader’s language, and says the same whether it is known or not', async () => {
    const res = await signedOutPost('/sign-in', { email: ' Maria.Rossi@example.org ', next: '/cycles' }).expect(200);
    expect(pages.double(SignInService).requestLink).toHaveBeenCalledWith({
      email: 'Maria.Rossi@example.org',
      next: '/cycles',
      client: expect.any(String),
      language: 'en',
    });
    expect(textOf(res.text)).toContain('If Maria.Rossi@example.org is registered with this service, we have sent a sign-in link to it.');
    expect(res.text).toContain('href="/sign-in?next=%2Fcycles"');
  });

  it('bad input: 400 with the error beside the address and in the summary, no link asked for', async () => {
    let res = await signedOutPost('/sign-in', { email: '  ' }).expect(400);
    expectFieldError(res.text, 'email', 'Enter your email address');
    res = await signedOutPost('/sign-in', { email: 'maria at example' }).expect(400);
    expectFieldError(res.text, 'email', 'Enter an email address in the correct format, like name@example.org');
    expect(res.text).toMatch(/<input[^>]*id="email"[^>]*value="maria at example"/);
    expect(pages.double(SignInService).requestLink).not.toHaveBeenCalled();
  });

  it('too many links asked for: 429 with when to try again, beside the address', async () => {
    pages.double(SignInService).requestLink.mockRejectedValueOnce(new TooManySignInRequests(600));
    const res = await signedOutPost('/sign-in', { email: 'maria.rossi@example.org' }).expect(429).expect('Retry-After', '600');
    expectFieldError(res.text, 'email', 'Too many sign-in links were asked for from here or for this address. Try again in 10 minutes.');
  });

  it('in German for a reader who chose German', async () => {
    const res = await signedOutPost('/sign-in', { email: '' }, { cookies: [`${COOKIE.language}=de`] }).expect(400);
    expect(res.text).toContain('<html lang="de"');
    expectFieldError(res.text, 'email', 'Geben Sie Ihre E-Mail-Adresse ein');
  });

  it('a form without its token, or with another browser’s, is refused before anything runs', async () => {
    await signedOutPost('/sign-in', { email: 'maria.rossi@example.org' }, { csrf: false }).expect(403);
    await request(pages.app.getHttpServer())
      .post('/sign-in')
      .set('Cookie', `${COOKIE.form}=AAAAAAAAAAAAAAAAAAAAAAAA`)
      .type('form')
      .send({ _csrf: 'AAAAAAAAAAAAAAAAAAAAAAAA.forged', email: 'maria.rossi@example.org' })
      .expect(403);
    expect(pages.double(SignInService).requestLink).not.toHaveBeenCalled();
  });

  it('a usable link opens a page with one button (mail scanners that open links do not use it up)', async () => {
    pages.double(SignInService).isUsable.mockResolvedValueOnce(true);
    const res = await pages.get(`/sign-in/${TOKEN}`).expect(200);
    expect(res.text).toContain(`<form method="post" action="/sign-in/${TOKEN}">`);
    expect(pages.double(SignInService).redeem).not.toHaveBeenCalled();
  });

  it('a used or expired link: 410 saying so, whether opened or sent', async () => {
    pages.double(SignInService).isUsable.mockResolvedValueOnce(false);
    let res = await pages.get(`/sign-in/${TOKEN}`).expect(410);
    expect(textOf(res.text)).toContain('This sign-in link cannot be used');
    pages.double(SignInService).redeem.mockRejectedValueOnce(new SignInLinkUnusable());
    res = await signedOutPost(`/sign-in/${TOKEN}`, {}).expect(410);
    expect(textOf(res.text)).toContain('The link has expired or has been used already.');
  });

  it('continuing starts a new session in place of the one the browser brought, and goes on to the page asked for', async () => {
    pages.double(SignInService).redeem.mockResolvedValueOnce({ cookie: 'new-session', next: '/my-tasks' } as never);
    const res = await signedOutPost(`/sign-in/${TOKEN}`, {}, { cookies: [`${COOKIE.session}=old-session`] })
      .expect(303)
      .expect('Location', '/my-tasks');
    expect(pages.double(SignInService).redeem).toHaveBeenCalledWith(TOKEN, 'old-session');
    expect(res.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${COOKIE.session}=new-session;.*HttpOnly`))]));
  });

  it('signing out ends this session and clears its cookie; the page after says which', async () => {
    pages.signIn(aPerson());
    const res = await pages.post('/sign-out').expect(303).expect('Location', '/signed-out');
    expect(pages.double(SessionService).signOut).toHaveBeenCalledWith('test-session');
    expect(res.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${COOKIE.session}=;`))]));
    pages.signIn(null);
    expect(textOf((await pages.get('/signed-out').expect(200)).text)).toContain('You have signed out on this device.');
    expect(textOf((await pages.get('/signed-out?everywhere=1').expect(200)).text)).toContain('You have signed out on every device.');
  });

  it('signing out everywhere is for someone signed in', async () => {
    await signedOutPost('/sign-out/everywhere', {}).expect(303).expect('Location', '/sign-in');
    expect(pages.double(SessionService).signOutEverywhere).not.toHaveBeenCalled();
  });
});
