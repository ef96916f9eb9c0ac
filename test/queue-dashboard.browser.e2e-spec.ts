import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, TEST_OUTPUT } from './support/chromium';
import { EngineHarness, shortCycle } from './support/engine-harness';

/**
 * The operators' queue dashboard in a real headless Chromium: with an operator's token the
 * engine's queues are listed; without credentials, or with a chair's, they are not.
 */
describe('queue dashboard in a browser (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 1000 });
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    await h.start();
    await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Browser', groups: ['education'], requestInDays: 30 }))
      .expect(201);
    base = (await h.api.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h.stop();
  }, 60_000);

  it('an operator sees every queue of the engine', async () => {
    const token = await h.tokenFor(['operator']);
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const page = await context.newPage();
    const res = await page.goto(`${base}/admin/queues`);
    expect(res?.status()).toBe(200);
    for (const name of ['cycles', 'deadlines', 'maintenance']) {
      await page.getByText(name, { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
    }
    await expect(page.title()).resolves.toMatch(/Pact queues/);
    await page.screenshot({ path: join(TEST_OUTPUT, 'queue-dashboard.png'), fullPage: true });
    await context.close();
  }, 90_000);

  it('without credentials the browser is asked to log in and refused; a chair is forbidden', async () => {
    // No credentials: the server challenges (HTTP Basic); headless Chromium cannot answer the
    // login prompt, so the navigation fails, and no dashboard is ever rendered.
    const anonymous = await browser.newContext();
    const page = await anonymous.newPage();
    const outcome = await page.goto(`${base}/admin/queues`).then(
      (res) => `status ${res?.status()}`,
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/ERR_INVALID_AUTH_CREDENTIALS|status 401/);
    expect(await page.textContent('body').catch(() => '')).not.toMatch(/deadlines/);
    await anonymous.close();

    const chairToken = await h.tokenFor(['chair'], ['education']);
    const chair = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${chairToken}` } });
    const chairPage = await chair.newPage();
    const res = await chairPage.goto(`${base}/admin/queues`);
    expect(res?.status()).toBe(403);
    const text = await chairPage.textContent('body');
    expect(text).toMatch(/for operators/);
    expect(text).not.toMatch(/deadlines/);
    await chair.close();
  }, 60_000);
});
