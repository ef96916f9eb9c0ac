import { join } from 'node:path';
import { browserSuite } from './support/browser-suite';
import { TEST_OUTPUT } from './support/chromium';
import { reportFor, shortCycle } from './support/engine-harness';

/** The HTML report as a person sees it: opened in headless Chromium, charts drawn, every group listed. */
describe('implementation report page in a browser (e2e)', () => {
  const web = browserSuite({ msPerDay: 20 });

  it('draws the measures chart per field of action and lists every working group', async () => {
    const { h } = web;
    const groups = ['education', 'labour-market', 'sport'];
    const cycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Report page', groups, dueAfterDays: 80, compileAfterDays: 100 }))
        .expect(201)
    ).body;
    await h.waitFor('requested', async () => (await h.http.get(`/api/cycles/${cycle.id}`)).body.progress.milestones[0].status === 'requested');
    for (const t of (await h.http.get(`/api/cycles/${cycle.id}/tasks`)).body.filter((x: any) => x.groupKey !== 'sport')) {
      await (await h.chair(t.groupKey)).post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey, 1)).expect(201);
    }
    await h.waitFor('compiled', async () => (await h.http.get(`/api/cycles/${cycle.id}/report`)).status === 200);
    const html = (await h.http.get(`/api/cycles/${cycle.id}/report?format=html`).expect(200)).text;

    const page = await web.pages.newPage({ javaScriptEnabled: false });
    await page.setContent(html);
    const sections = await page.locator('section.field h3').allTextContents();
    expect(sections.sort()).toEqual(['Integration into the labour market', 'Integration through education', 'Integration through sport']);
    expect(await page.locator('section[data-group="education"] svg.bar rect').count()).toBe(2); // implemented + planned
    expect(await page.locator('section[data-group="sport"] .missing').isVisible()).toBe(true);
    const box = await page.locator('section[data-group="education"] svg.bar').boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    expect(await page.locator('.summary').textContent()).toBe('2 on time, 0 late, 1 missing of 3 working groups.');
    await page.screenshot({ path: join(TEST_OUTPUT, 'implementation-report.png'), fullPage: true });

    // The timeline: drawn on the server as SVG, one lane per kind of event, bars where something happened.
    const timeline = page.locator('svg.timeline');
    expect(await timeline.isVisible()).toBe(true);
    const tbox = await timeline.boundingBox();
    expect(tbox!.width).toBeGreaterThan(400);
    expect(await timeline.locator('g.lane').count()).toBe(5);
    expect(await timeline.locator('g.lane[data-kind="requests"] rect.count').count()).toBe(1);
    expect(await timeline.locator('g.lane[data-kind="requests"] text.value').textContent()).toBe('3');
    expect(await timeline.locator('g.lane[data-kind="submissions"] rect.count').count()).toBeGreaterThanOrEqual(1);
    expect(await timeline.locator('line.milestone').count()).toBe(4); // start, requested, due, compiled
    expect(await page.locator('ol.marks li').allTextContents()).toEqual([
      expect.stringMatching(/Cycle starts$/),
      expect.stringMatching(/Implementation report requested$/),
      expect.stringMatching(/Implementation report due$/),
      expect.stringMatching(/Implementation report compiled$/),
    ]);
    expect(await page.locator('table.timeline-table tr.total td').first().textContent()).toBe('All');
    await page.locator('section.timeline').screenshot({ path: join(TEST_OUTPUT, 'report-timeline.png') });

    // Served over HTTP, the page has its own strict Content-Security-Policy (no script, nothing
    // loaded): its inline styles and SVG charts still work, and the browser reports no violation.
    const live = await web.pages.newPage({ extraHTTPHeaders: { Authorization: `Bearer ${h.committeeToken}` } });
    const violations: string[] = [];
    live.on('console', (m) => /Content.Security.Policy/i.test(m.text()) && violations.push(m.text()));
    const res = await live.goto(`${web.base}/api/cycles/${cycle.id}/report?format=html`);
    expect(res?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    const style = (selector: string, property: string) =>
      live
        .locator(selector)
        .first()
        .evaluate((el, p) => (globalThis as any).getComputedStyle(el)[p], property);
    expect(await style('.missing', 'fontWeight')).toBe('600'); // the inline <style>
    expect(await style('.key i', 'backgroundColor')).not.toBe('rgba(0, 0, 0, 0)'); // style="" attributes
    expect(await live.locator('section[data-group="education"] svg.bar').boundingBox()).toMatchObject({ width: expect.any(Number) });
    expect(violations).toEqual([]);
  }, 90_000);
});
