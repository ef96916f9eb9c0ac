import { WebhookReceiver } from '../apps/demo/src/delivery-sinks';
import { browserSuite } from './support/browser-suite';
import { shortCycle } from './support/engine-harness';
import { checkPage, screenshots } from './support/web';

/**
 * The operators' console in a real Chromium: the page with a failed delivery, a webhook
 * subscription paused by the engine and one active, retrying the failure, a delivery's page with
 * its attempts, pausing and resuming; once with JavaScript off. Every state is checked with
 * axe-core (0 serious or critical) and photographed at 1280 and 360 px.
 */
describe('operations console in a browser (e2e)', () => {
  const hooks = new WebhookReceiver();
  let failedId: string;
  let brokenSub: string;
  const operator = 'operator@test.example.org';
  const newPage = (opts: { javaScriptEnabled?: boolean } = {}) => pages.newPage(opts);

  const web = browserSuite({
    msPerDay: 1000,
    env: { NOTIFY_ATTEMPTS: '2', WEBHOOK_PAUSE_AFTER: '1' },
    setUp: async () => {
      await hooks.start();
      await web.h.tokenFor(['operator']);
      await web.h.http
        .patch('/api/working-groups/sport')
        .send({ chair: { name: 'No One', email: 'bounce@sport.example.org', language: 'en' } })
        .expect(200);
      hooks.answer('/broken', 500);
      hooks.answer('/fine', 200);
      brokenSub = (
        await web.h.http
          .post('/api/webhooks')
          .send({ url: hooks.url('/broken'), scope: 'network', kinds: ['task-requested'], description: 'Intranet feed' })
          .expect(201)
      ).body.subscription.id;
      await web.h.http
        .post('/api/webhooks')
        .send({ url: hooks.url('/fine'), scope: 'group', groupKey: 'education', kinds: ['extended', 'reminder'] })
        .expect(201);
      const cycle = (
        await web.h.http
          .post('/api/cycles')
          .send(shortCycle(web.h, { name: 'Browser operations', groups: ['education', 'sport'], dueAfterDays: 400, compileAfterDays: 500, lengthMonths: 24 }))
          .expect(201)
      ).body;
      const tasks = await web.h.waitFor('tasks', async () => {
        const r = (await web.h.http.get(`/api/cycles/${cycle.id}/tasks`)).body;
        return r.length === 2 && r;
      });
      const sport = tasks.find((t: any) => t.groupKey === 'sport');
      failedId = (
        await web.h.waitFor('the failed e-mail', () => web.h.db.collection('deliveries').findOne({ taskId: sport.id, channel: 'email', status: 'failed' }))
      )._id as unknown as string;
      await web.h.waitFor('the broken subscription paused', async () => (await web.h.http.get(`/api/webhooks/${brokenSub}`)).body.status === 'paused');
    },
  });
  const { pages } = web;
  afterAll(async () => {
    await hooks.stop();
  });

  it('shows health, queues, the delivery log and the subscriptions; retries a failure; opens a delivery; pauses and resumes', async () => {
    const page = await newPage();
    await web.signIn(page, operator);
    expect(new URL(page.url()).pathname).toBe('/operations');
    expect(await page.locator('.site-header nav a[aria-current="page"]').textContent()).toBe('Operations');
    expect(await page.locator('tr[data-delivery]').first().getAttribute('data-state')).toBe('failed');
    expect(await page.locator(`tr[data-subscription="${brokenSub}"]`).getAttribute('data-status')).toBe('paused');
    await checkPage(page, 'operations-console');

    // Retry the failed e-mail from the log: back on the log with a confirmation.
    await page
      .locator(`tr[data-delivery="${failedId}"]`)
      .getByRole('button', { name: /^Retry/ })
      .click();
    await page.locator('[data-notice]').waitFor();
    expect(await page.locator('[data-notice]').textContent()).toContain('The delivery is queued to be sent again.');
    await checkPage(page, 'operations-retried');

    // The delivery's own page, with every attempt. The retried e-mail is attempted again at once
    // (and bounces again): once it has settled, the log lists it among the failed ones. (A page
    // drawn at the very moment it changes state may miss it: the log reads state by state.)
    await web.h.waitFor('the retried delivery attempted again', async () => {
      const d = await web.h.db.collection('deliveries').findOne({ _id: failedId as never });
      return d && d.status !== 'queued' && d;
    });
    await page.reload();
    await page.locator(`tr[data-delivery="${failedId}"] a`).click();
    await page.waitForURL(`${web.base}/operations/deliveries/${failedId}`);
    await page.locator('tr[data-attempt="1"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Delivery: Report requested');
    await checkPage(page, 'operations-delivery');

    // Resume the subscription the engine paused; pause it again by hand.
    await page.goto(`${web.base}/operations`);
    hooks.answer('/broken', 200);
    await page
      .locator(`tr[data-subscription="${brokenSub}"]`)
      .getByRole('button', { name: /^Resume/ })
      .click();
    await page.locator('[data-notice]').waitFor();
    expect(await page.locator(`tr[data-subscription="${brokenSub}"]`).getAttribute('data-status')).toBe('active');
    await page
      .locator(`tr[data-subscription="${brokenSub}"]`)
      .getByRole('button', { name: /^Pause/ })
      .click();
    await page.locator('[data-notice]').waitFor();
    expect(await page.locator('[data-notice]').textContent()).toContain('is paused');
    expect(await page.locator(`tr[data-subscription="${brokenSub}"]`).getAttribute('data-status')).toBe('paused');
    await checkPage(page, 'operations-paused');
  }, 120_000);

  it('works without JavaScript, in German', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await web.signIn(page, operator);
    await page.goto(`${web.base}/operations?state=failed`);
    await page.locator('.language-switcher button[lang="de"]').click();
    await page.waitForURL(/\/operations/);
    expect(await page.locator('h1').textContent()).toBe('Betrieb');
    await page.selectOption('#state', 'failed');
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.waitForURL(/state=failed/);
    const states = await page.locator('tr[data-delivery]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['failed']));
    // axe-core runs as a script, so it is not run here (the same page is checked in English above).
    await screenshots(page, 'operations-de-no-js');
  }, 120_000);
});
