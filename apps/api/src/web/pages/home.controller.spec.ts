import { IdentityService, InvalidError, SessionService } from '@pact/engine';
import { cookieNames } from '../cookies';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { expectFieldError } from '../testing/page-assertions';

describe('Home and your settings (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aChair('education'));
  });

  describe('home', () => {
    it('sends each person with one role to where they work, and nobody to sign in', async () => {
      await pages.get('/').expect(303).expect('Location', '/my-tasks');
      pages.signIn(aPerson({ roles: ['operator'] }));
      await pages.get('/').expect(303).expect('Location', '/operations');
      pages.signIn(null);
      await pages.get('/').expect(303).expect('Location', '/sign-in');
    });

    it('offers a person of several roles each start, and says when they have none', async () => {
      pages.signIn(aPerson({ roles: ['committee', 'operator'] }));
      let res = await pages.get('/').expect(200);
      expect(res.text).toContain('<a href="/cycles">');
      expect(res.text).toContain('<a href="/operations">');
      pages.signIn(aPerson({ roles: [] }));
      res = await pages.get('/').expect(200);
      expect(textOf(res.text)).toContain('Your account has no role yet.');
    });
  });

  describe('your settings', () => {
    it('the form, with the reader’s language and time zone chosen, each language named in itself', async () => {
      const res = await pages.get('/settings').expect(200);
      expect(res.text).toMatch(/<option value="en" selected>English<\/option>/);
      expect(res.text).toMatch(/<option value="de">Deutsch<\/option>/);
      expect(res.text).toMatch(/<option value="Europe\/Berlin" selected>Europe\/Berlin<\/option>/);
      expect(res.text).toMatch(/<option value="America\/New_York">America\/New York<\/option>/);
      expect(res.text).toContain('action="/sign-out/everywhere"');
      expect(res.text).toContain(`name="_csrf" value="${pages.csrfToken()}"`);
      expect(res.text).not.toContain('class="notice"');
    });

    it('saves the choice, remembers the language in its cookie, and says so', async () => {
      const res = await pages.post('/settings', { language: 'fr', timeZone: 'America/New_York' }).expect(303).expect('Location', '/settings?saved=1');
      expect(pages.double(IdentityService).updatePreferences).toHaveBeenCalledWith(
        'u-2',
        { language: 'fr', timeZone: 'America/New_York' },
        'chair:anna.weber@example.org',
      );
      expect(res.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${cookieNames(false).language}=fr;`))]));
      const saved = await pages.get('/settings?saved=1').expect(200);
      expect(textOf(saved.text)).toContain('Your settings have been saved.');
    });

    it('bad input: 400, each error beside its select and in the summary, nothing saved', async () => {
      const res = await pages.post('/settings', { language: 'xx', timeZone: 'Mars/Olympus' }).expect(400);
      expectFieldError(res.text, 'language', 'Choose a language from the list');
      expectFieldError(res.text, 'timeZone', 'Choose a time zone from the list');
      expect(res.text).toMatch(/<title>Error:/);
      expect(pages.double(IdentityService).updatePreferences).not.toHaveBeenCalled();
    });

    it('a problem the engine finds is said beside its field in the same words', async () => {
      pages.double(IdentityService).updatePreferences.mockRejectedValueOnce(new InvalidError([{ path: 'timeZone', message: 'unknown time zone' }]));
      const res = await pages.post('/settings', { language: 'en', timeZone: 'Europe/Berlin' }).expect(400);
      expectFieldError(res.text, 'timeZone', 'Choose a time zone from the list');
      expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${cookieNames(false).language}=`))]));
    });

    it('in German for a German reader', async () => {
      pages.signIn(aChair('education', { language: 'de' }));
      const res = await pages.post('/settings', { language: 'de', timeZone: '' }).expect(400);
      expect(res.text).toContain('<html lang="de"');
      expectFieldError(res.text, 'timeZone', 'Wählen Sie eine Zeitzone aus der Liste');
      expect(textOf(res.text)).toContain('Ihre Einstellungen');
    });

    it('is for everyone signed in: nobody is sent to sign in, and a form without its token is refused', async () => {
      pages.signIn(null);
      await pages.get('/settings').expect(303).expect('Location', '/sign-in?next=%2Fsettings');
      pages.signIn(aPerson());
      await pages.post('/settings', { language: 'de', timeZone: 'Europe/Berlin' }, { csrf: false }).expect(403);
      expect(pages.double(IdentityService).updatePreferences).not.toHaveBeenCalled();
    });

    it('signing out everywhere ends every session of the person', async () => {
      await pages.post('/sign-out/everywhere').expect(303).expect('Location', '/signed-out?everywhere=1');
      expect(pages.double(SessionService).signOutEverywhere).toHaveBeenCalledWith(expect.objectContaining({ userId: 'u-2' }));
    });
  });
});
