import { browserSuite } from './support/browser-suite';
import { reportFor, shortCycle } from './support/engine-harness';
import { checkPage, seriousAxeViolations, signInLinkFor, signInMailsTo } from './support/web';

/**
 * People's pages in a real Chromium: the sign-in flow from the e-mail's link, every page checked
 * with axe-core (WCAG 2.1 AA, 0 serious or critical) and photographed at 1280 and 360 px, the
 * language switch, keyboard-only use of the sign-in form, and everything again without JavaScript.
 */
describe("people's pages in a browser (e2e)", () => {
  let cycleId: string;
  let educationTask: string;
  const chair = 'chair.education@test.example.org';
  const committee = 'committee@test.example.org';
  const operator = 'operator@test.example.org';

  const newPage = (opts: { javaScriptEnabled?: boolean; locale?: string } = {}) => pages.newPage(opts);

  const web = browserSuite({
    msPerDay: 20,
    setUp: async () => {
      await web.h.tokenFor(['chair'], ['education']);
      await web.h.tokenFor(['operator']);
      // A cycle whose report is compiled (education and sport submit, labour-market does not), and one still open.
      const done = (
        await web.h.http
          .post('/api/cycles')
          .send(shortCycle(web.h, { name: 'Compiled cycle', groups: ['education', 'labour-market', 'sport'], dueAfterDays: 60, compileAfterDays: 80 }))
          .expect(201)
      ).body;
      const open = (
        await web.h.http
          .post('/api/cycles')
          .send(
            shortCycle(web.h, { name: 'Open cycle', groups: ['education', 'labour-market'], dueAfterDays: 3000, compileAfterDays: 3100, lengthMonths: 120 }),
          )
          .expect(201)
      ).body;
      cycleId = done.id;
      const tasksOf = async (id: string, n: number) =>
        web.h.waitFor('tasks', async () => {
          const r = (await web.h.http.get(`/api/cycles/${id}/tasks`)).body;
          return r.length === n && r;
        });
      for (const t of (await tasksOf(done.id, 3)).filter((x: any) => x.groupKey !== 'labour-market')) {
        await (await web.h.chair(t.groupKey)).post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey)).expect(201);
      }
      educationTask = (await tasksOf(open.id, 2)).find((t: any) => t.groupKey === 'education').id;
      await web.h.waitFor('report compiled', async () => (await web.h.http.get(`/api/cycles/${done.id}/report`)).status === 200, 60_000);
    },
  });
  const { sink, pages } = web;

  it('the axe check itself finds violations where there are some', async () => {
    const page = await newPage();
    await page.setContent(
      '<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="data:,"><button></button><input id="a"></main></body></html>',
    );
    const ids = (await seriousAxeViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(expect.arrayContaining(['button-name', 'html-has-lang', 'image-alt', 'label']));
  }, 60_000);

  it('a chair follows the task link from the e-mail, signs in, and lands on the task; every page passes axe', async () => {
    const page = await newPage();
    await page.goto(`${web.base}/tasks/${educationTask}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.title()).resolves.toBe('Sign in – Pact monitoring');
    await checkPage(page, 'sign-in');

    // Submitting empty: the error beside the field, the summary at the top linked to it, and focus on the summary.
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.locator('.error-summary').waitFor();
    await expect(page.title()).resolves.toBe('Error: Sign in – Pact monitoring');
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#email');
    expect(await page.locator('#email-error').textContent()).toContain('Enter your email address');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.className)).toBe('error-summary');
    expect(await page.locator('#email').getAttribute('aria-describedby')).toBe('email-hint email-error');
    await checkPage(page, 'sign-in-error');

    const before = signInMailsTo(sink, chair);
    await page.locator('#email').fill(chair);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.locator('h1', { hasText: 'Check your email' }).waitFor();
    await checkPage(page, 'check-email');

    const link = await signInLinkFor(web.h, sink, chair, before);
    await page.goto(`${web.base}${link}`);
    await checkPage(page, 'sign-in-link');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${web.base}/tasks/${educationTask}`);
    expect(await page.locator('h1').textContent()).toBe('Implementation report: Integration through education');
    await checkPage(page, 'task');

    await page.getByRole('link', { name: 'My tasks' }).click();
    await page.waitForURL(`${web.base}/my-tasks`);
    expect(await page.locator(`tr[data-task="${educationTask}"]`).count()).toBe(1);
    expect(await page.locator('.site-header nav a[aria-current="page"]').textContent()).toBe('My tasks');
    await checkPage(page, 'my-tasks');

    await page.getByRole('link', { name: 'Your settings' }).click();
    await checkPage(page, 'settings');
    await page.goto(`${web.base}/operations`);
    expect(await page.locator('h1').textContent()).toBe('You cannot open this page');
    await checkPage(page, 'error-403');
    await page.goto(`${web.base}/nowhere`);
    await checkPage(page, 'error-404');

    // The reused link is refused, and says so.
    await page.goto(`${web.base}${link}`);
    expect(await page.locator('h1').textContent()).toBe('This sign-in link cannot be used');
    await checkPage(page, 'sign-in-link-unusable');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${web.base}/signed-out`);
    await checkPage(page, 'signed-out');
  }, 120_000);

  it('the committee reaches the cycles, a cycle and its report; an operator the operations page', async () => {
    const page = await newPage();
    await web.signIn(page, committee);
    expect(new URL(page.url()).pathname).toBe('/cycles');
    await checkPage(page, 'cycles');
    await page.getByRole('link', { name: 'Compiled cycle' }).click();
    await checkPage(page, 'cycle');
    await page.getByRole('link', { name: /Read the report/ }).click();
    expect(await page.locator('.lead').textContent()).toBe('2 on time, 0 late, 1 missing of 3 working groups.');
    await checkPage(page, 'report');
    const csv = await page.request.get(`${web.base}/cycles/${cycleId}/report/download/csv?milestone=final`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);

    // Someone with two roles gets a home page listing where each takes them.
    await web.h.http
      .post('/api/users')
      .send({ name: 'Both Roles', email: 'both@test.example.org', roles: ['committee', 'operator'] })
      .expect(201);
    const both = await newPage();
    await web.signIn(both, 'both@test.example.org');
    expect(new URL(both.url()).pathname).toBe('/');
    expect(await both.locator('.start-list a').allTextContents()).toEqual(['Cycles', 'Operations']);
    await checkPage(both, 'home');

    const op = await newPage();
    await web.signIn(op, operator);
    expect(new URL(op.url()).pathname).toBe('/operations');
    expect(await op.locator('tr[data-state="delivered"]').count()).toBeGreaterThan(0);
    await checkPage(op, 'operations');
  }, 120_000);

  it('switches language from the header, remembers it, and formats dates for it', async () => {
    const page = await newPage({ locale: 'en-GB' });
    await web.signIn(page, chair, '/my-tasks');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.waitForURL(`${web.base}/my-tasks`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('h1').textContent()).toBe('Meine Aufgaben');
    await checkPage(page, 'my-tasks-de');
    await page.goto(`${web.base}/settings`);
    expect(await page.locator('h1').textContent()).toBe('Ihre Einstellungen');
    expect(await page.locator('#language').inputValue()).toBe('de');
    // The time zone chosen on the settings page moves the dates shown.
    await page.locator('#timeZone').selectOption('Pacific/Auckland');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await page.locator('.notice').waitFor();
    await page.goto(`${web.base}/tasks/${educationTask}`);
    const due = await page.locator('time').first().getAttribute('datetime');
    const expected = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Pacific/Auckland' }).format(new Date(due!));
    expect(await page.locator('time').first().textContent()).toBe(expected);
    await page.getByRole('button', { name: 'Français' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await checkPage(page, 'task-fr');
    await page.getByRole('button', { name: 'English' }).click();
  }, 120_000);

  it('the sign-in form can be reached and sent with the keyboard alone, with visible focus', async () => {
    const page = await newPage();
    await page.goto(`${web.base}/sign-in`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.className)).toBe('skip-link');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    const focusTrail: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => (globalThis as any).document.activeElement?.id ?? '');
      focusTrail.push(id);
      if (id === 'email') break;
    }
    expect(focusTrail.at(-1)).toBe('email');
    // Focus is visible: the focused field has an outline.
    expect(await page.evaluate(() => (globalThis as any).getComputedStyle((globalThis as any).document.activeElement).outlineStyle)).not.toBe('none');
    const before = signInMailsTo(sink, committee);
    await page.keyboard.type(committee);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Send me a sign-in link');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Check your email' }).waitFor();
    await signInLinkFor(web.h, sink, committee, before);
  }, 60_000);

  it('works with JavaScript disabled: sign in, navigate, switch language, sign out everywhere', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await web.signIn(page, chair, `/tasks/${educationTask}`);
    expect(new URL(page.url()).pathname).toBe(`/tasks/${educationTask}`);
    await page.getByRole('link', { name: 'My tasks' }).click();
    await page.getByRole('button', { name: 'Français' }).click();
    expect(await page.locator('h1').textContent()).toBe('Mes tâches');
    await page.getByRole('link', { name: 'Vos paramètres' }).click();
    await page.getByRole('button', { name: 'Se déconnecter partout' }).click();
    await page.waitForURL(`${web.base}/signed-out?everywhere=1`);
    await page.goto(`${web.base}/my-tasks`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  }, 60_000);

  it('fits a 360 px wide phone without sideways scrolling of the page', async () => {
    const page = await newPage();
    await web.signIn(page, chair, '/my-tasks');
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/my-tasks', `/tasks/${educationTask}`, '/settings', `/cycles/${cycleId}`]) {
      await page.goto(`${web.base}${path}`);
      const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
      // What sticks out, named, when something does.
      const wide = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('body *')]
          .filter((e: any) => e.getBoundingClientRect().right > 361 && !e.closest('.table-wrap'))
          .map((e: any) => `${e.tagName.toLowerCase()}.${e.className}`)
          .slice(0, 5),
      );
      expect([path, width, wide]).toEqual([path, 360, []]);
    }
  }, 60_000);
});
