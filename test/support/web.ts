import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { MailSink } from '../../apps/demo/src/delivery-sinks';
import { TEST_OUTPUT } from './chromium';
import type { EngineHarness } from './engine-harness';

/**
 * Helpers for tests of people's pages: signing in through the real flow (the link taken from
 * the test SMTP server), axe-core in the page, screenshots at 1280 and 360 px wide.
 */

/** Where page screenshots go (test-output/ is gitignored). */
export const PAGE_SHOTS = join(TEST_OUTPUT, 'pages');

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF token in the page:\n${html.slice(0, 500)}`);
  return m[1];
}

/** The sign-in link in the latest sign-in e-mail to `email`, as a path (/sign-in/<token>). */
export async function signInLinkFor(h: EngineHarness, sink: MailSink, email: string, after = 0): Promise<string> {
  const mail = await h.waitFor(`a sign-in e-mail to ${email}`, async () => {
    const all = sink.to(email).filter((m) => m.headers.get('x-pact-kind') === 'sign-in-link');
    return all.length > after && all[all.length - 1];
  });
  const m = /https?:\/\/[^\s]+\/sign-in\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '');
  if (!m) throw new Error(`no sign-in link in:\n${mail.text}`);
  return `/sign-in/${m[1]}`;
}

export function signInMailsTo(sink: MailSink, email: string): number {
  return sink.to(email).filter((m) => m.headers.get('x-pact-kind') === 'sign-in-link').length;
}

/** A cookie-keeping HTTP client (like a browser without JavaScript). */
export function browserAgent(h: EngineHarness): TestAgent {
  return request.agent(h.api.getHttpServer());
}

/** Asks for a link with the sign-in form, as a person would. */
export async function askForLink(agent: TestAgent, email: string, next?: string) {
  const form = await agent.get(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`).expect(200);
  return agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, next: next ?? '' });
}

/** Opens a sign-in link and presses "Continue". Returns the final answer (a 303 to the next page). */
export async function followLink(agent: TestAgent, path: string) {
  const page = await agent.get(path);
  if (page.status !== 200) return page;
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfOf(page.text) });
}

/** Signs `email` in over HTTP through the whole flow; the agent then holds the session cookie. */
export async function signInOverHttp(h: EngineHarness, sink: MailSink, email: string, next?: string): Promise<TestAgent> {
  const agent = browserAgent(h);
  const before = signInMailsTo(sink, email);
  await askForLink(agent, email, next).then((r) => {
    if (r.status !== 200) throw new Error(`sign-in request answered ${r.status}`);
  });
  const res = await followLink(agent, await signInLinkFor(h, sink, email, before));
  if (res.status !== 303) throw new Error(`continuing the sign-in answered ${res.status}: ${res.text.slice(0, 300)}`);
  return agent;
}

/** The real flow in Chromium: the form, the e-mail, the link, "Continue". Leaves the page where sign-in leads. */
export async function signInInBrowser(page: Page, base: string, h: EngineHarness, sink: MailSink, email: string, next?: string): Promise<void> {
  const before = signInMailsTo(sink, email);
  await page.goto(`${base}${next ?? '/'}`);
  await page.getByLabel(/email|E-Mail|e-mail/i).fill(email);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await page.waitForURL(`${base}/sign-in`);
  const link = await signInLinkFor(h, sink, email, before);
  await page.goto(`${base}${link}`);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.locator('main form button[type="submit"]').click()]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core run inside the page, injected with page.evaluate (not a script tag), so the page's
 * CSP stays as it is. WCAG 2.0/2.1 A and AA rules. Returns the serious and critical violations.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const source: string = require('axe-core').source;
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as { document: unknown; axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } };
    return g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/** Screenshots of the whole page at 1280 and at 360 px wide, in test-output/pages/. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(PAGE_SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(PAGE_SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

/**
 * How far the page scrolls sideways at 360 px wide (0: not at all). Tables scroll inside their
 * own region, so only something else too wide (a long unbroken word in a flex row) counts.
 */
export async function sidewaysScrollAt360(page: Page): Promise<number> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 360, height: 900 });
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  await page.setViewportSize(size);
  return Math.max(0, overflow);
}

/** axe (0 serious or critical), no sideways scrolling at 360 px, and both screenshots, for every page a test visits. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  expect({ page: name, sidewaysScrollAt360: await sidewaysScrollAt360(page) }).toEqual({ page: name, sidewaysScrollAt360: 0 });
  await screenshots(page, name);
}
