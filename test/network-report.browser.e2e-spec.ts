import { CompilationService, IdentityService } from '@pact/engine';
import { browserSuite } from './support/browser-suite';
import { checkPage } from './support/web';
import { takingPart } from './support/charter';

/**
 * The Charter's committee reading a round's network report on its page in a real Chromium, with
 * JavaScript off: the stacked bars drawn as inline SVG beside their tables, every section there,
 * publishing a version; axe-core clean (no serious or critical violation) and nothing scrolling
 * sideways at 360 px, photographed at 1280 and 360 px.
 */
describe('the committee reads a Charter round’s network report in a browser (e2e)', () => {
  const committee = 'network.browser.committee@test.example.org';
  let cycleId: string;

  const web = browserSuite({
    msPerDay: 1000,
    setUp: async ({ h }) => {
      const identity = h.api.get(IdentityService);
      await identity.createUser({ name: 'Charter steering', email: committee, roles: ['committee'], committeeOf: ['charter'] }, 'test');
      const agentOf = async (email: string, input: { roles: ('committee' | 'chair')[]; committeeOf?: string[]; groupKeys?: string[] }) => {
        const user = await identity.createUser({ name: email, email, ...input }, 'test');
        return h.agent((await identity.issueToken(user.id, 'test', 30, 'test')).token);
      };
      const steering = await agentOf('network.browser.api@test.example.org', { roles: ['committee'], committeeOf: ['charter'] });
      const cities = ['berlin', 'nantes', 'munich', 'vienna'];
      const start = h.daysFromNow(0.01);
      const at = (days: number) => new Date(start.getTime() + days * 86_400_000).toISOString();
      cycleId = (
        await steering
          .post('/api/cycles')
          .send({
            programme: 'charter',
            name: 'Charter round in a browser',
            start: start.toISOString(),
            groups: cities,
            milestones: [{ key: 'survey', title: 'Self-evaluation', kind: 'final', requestAt: start.toISOString(), dueAt: at(60), compileAt: at(90) }],
          })
          .expect(201)
      ).body.id;
      const tasks = await h.waitFor('the cities asked', async () => {
        const res = await steering.get(`/api/cycles/${cycleId}/tasks`).expect(200);
        return res.body.length === cities.length && res.body;
      });
      const answers: Record<string, Record<string, unknown>> = {
        berlin: takingPart('partly', { 'communicate-equal-opportunities': 'fully' }),
        nantes: takingPart('not-yet', { 'diverse-workforce': 'fully' }),
        vienna: takingPart('fully', { 'equality-in-procurement': 'not-applicable' }),
        munich: { 'take-part': false },
      };
      for (const t of tasks) {
        const coordinator = await agentOf(`network.browser.${t.groupKey}@test.example.org`, { roles: ['chair'], groupKeys: [t.groupKey] });
        await coordinator.post(`/api/tasks/${t.id}/answers`).send({ answers: answers[t.groupKey] }).expect(201);
      }
      await h.api.get(CompilationService).compile(cycleId, 'survey');
    },
  });

  it('shows the charts with their tables and every section with JavaScript off, and publishes a version through its form', async () => {
    const page = await web.pages.newPage({ javaScriptEnabled: false });
    // A step that finds nothing fails with its locator, not at the test's timeout.
    page.setDefaultTimeout(20_000);
    await web.signIn(page, committee, `/cycles/${cycleId}/report`);
    expect(new URL(page.url()).pathname).toBe(`/cycles/${cycleId}/report`);
    expect(await page.locator('h1').textContent()).toBe('Report: Self-evaluation');
    expect(await page.locator('[data-coverage]').textContent()).toBe('4 cities answered on time, 0 late and 0 not at all, of 4 asked.');

    const doc = page.locator('[data-network-report]');
    for (const id of ['participation', 'ratings', 'change', 'peer-groups', 'cities', 'good-practices']) {
      expect(await doc.locator(`#network-${id}`).count()).toBe(1);
    }
    expect(await doc.locator('.participation .summary').textContent()).toMatch(/^3 of 4 signatory cities took part \(75%\)/);
    // The chart of all roles and one per role: bars drawn as SVG with a width, each chart followed by its table.
    expect(await doc.locator('section.ratings figure.network-chart').count()).toBe(5);
    const bar = doc.locator('section.role[data-role="policy-makers"] svg.stacked-bar').first();
    expect(await bar.isVisible()).toBe(true);
    expect((await bar.boundingBox())!.width).toBeGreaterThan(100);
    expect(await bar.getAttribute('aria-label')).toMatch(/Fully 2 \(67%\)/);
    const table = doc.locator('section.role[data-role="policy-makers"] table.distribution');
    expect(await table.locator('tbody tr').count()).toBe(3);
    const first = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(first.slice(0, 3)).toEqual(['2 (67%)', '0 (0%)', '1 (33%)']);
    expect(await doc.locator('section.city').count()).toBe(4);
    expect(await doc.locator('section.trend').count()).toBe(8);

    await page.getByRole('button', { name: 'Publish this report as a new version' }).click();
    await page.waitForURL(/published=1/);
    expect(await page.locator('[data-published]').getAttribute('data-published')).toBe('1');
    expect(await page.locator('tr[data-version="1"]').count()).toBe(1);
    const csv = await page.locator('tr[data-version="1"] a', { hasText: 'CSV' }).getAttribute('href');
    expect(csv).toBe(`/cycles/${cycleId}/report/versions/1/download/csv`);
  }, 180_000);

  it('is axe clean and does not scroll sideways, at 1280 and 360 px', async () => {
    // axe runs its checks on timers: it needs a page with JavaScript on (the page itself has no script).
    const page = await web.pages.newPage();
    page.setDefaultTimeout(20_000);
    await web.signIn(page, committee, `/cycles/${cycleId}/report`);
    await checkPage(page, 'network-report');
    await page.goto(`${web.base}/cycles/${cycleId}/report?milestone=survey&published=1&created=1`);
    await checkPage(page, 'network-report-published');
  }, 240_000);
});
