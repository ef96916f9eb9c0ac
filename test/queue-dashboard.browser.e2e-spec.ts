import { join } from 'node:path';
import { browserSuite } from './support/browser-suite';
import { TEST_OUTPUT } from './support/chromium';
import { shortCycle } from './support/engine-harness';

/**
 * The operators' queue dashboard in a real headless Chromium: with an operator's token the
 * engine's queues are listed; without credentials, or with a chair's, they are not.
 */
describe('queue dashboard in a browser (e2e)', () => {
  const web = browserSuite({
    msPerDay: 1000,
    setUp: async ({ h }) => {
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Browser', groups: ['education'], requestInDays: 30 }))
        .expect(201);
    },
  });

  it('an operator sees every queue of the engine', async () => {
    const token = await web.h.tokenFor(['operator']);
    const page = await web.pages.newPage({ extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const res = await page.goto(`${web.base}/admin/queues`);
    expect(res?.status()).toBe(200);
    for (const name of ['cycles', 'deadlines', 'maintenance']) {
      await page.getByText(name, { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
    }
    await expect(page.title()).resolves.toMatch(/Pact queues/);
    await page.screenshot({ path: join(TEST_OUTPUT, 'queue-dashboard.png'), fullPage: true });
  }, 90_000);

  it('without credentials the browser is asked to log in and refused; a chair is forbidden', async () => {
    // No credentials: the server challenges (HTTP Basic); headless Chromium cannot answer the
    // login prompt, so the navigation fails, and no dashboard is ever rendered.
    const page = await web.pages.newPage();
    const outcome = await page.goto(`${web.base}/admin/queues`).then(
      (res) => `status ${res?.status()}`,
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/ERR_INVALID_AUTH_CREDENTIALS|status 401/);
    expect(await page.textContent('body').catch(() => '')).not.toMatch(/deadlines/);

    const chairToken = await web.h.tokenFor(['chair'], ['education']);
    const chairPage = await web.pages.newPage({ extraHTTPHeaders: { Authorization: `Bearer ${chairToken}` } });
    const res = await chairPage.goto(`${web.base}/admin/queues`);
    expect(res?.status()).toBe(403);
    const text = await chairPage.textContent('body');
    expect(text).toMatch(/for operators/);
    expect(text).not.toMatch(/deadlines/);
  }, 60_000);
});
