import type { Page } from 'playwright-core';
import { browserSuite } from './support/browser-suite';
import { checkPage, sidewaysScrollAt360 } from './support/web';

/**
 * Fixes from a walkthrough of a Pact round as new users would do it (issue 17), in Chromium:
 * the README's first round (one group, requested at once, due in 14 days), the plan's note on a
 * reminder left out, the page after "Start the cycle" saying what happened without contradicting
 * itself, and "Check your answers" at 360 px with a long unbroken word.
 */
describe('a first round as new users do it (browser e2e)', () => {
  const committee = 'committee@test.example.org';

  const web = browserSuite({
    msPerDay: 2000,
    setUp: async () => {
      await web.h.tokenFor(['chair'], ['education']);
    },
  });
  const { pages } = web;

  const tagAfterTitle = (page: Page) => page.locator('h1 + p .tag').textContent();
  const milestoneTag = (page: Page) => page.locator('tr[data-milestone="mid-term"] .tag').textContent();

  let cycleId: string;

  it('the README round: the plan says a reminder at the request is left out; after starting, the page says what happened and its states agree with the requests shown', async () => {
    const page = await pages.newPage({ locale: 'en-GB' });
    await web.signIn(page, committee);
    await page.getByRole('link', { name: 'Start a cycle' }).click();
    await page.fill('#name', 'First round');
    await page.fill('#start', web.h.daysFromNow(0).toISOString().slice(0, 10));
    for (const box of await page.locator('input[name="groups"]').all()) {
      if ((await box.getAttribute('value')) !== 'education') await box.uncheck();
    }
    await page.fill('#milestones-0-requestAt', '0');
    await page.fill('#milestones-0-dueAt', '14');
    await page.locator('#milestones-0-dueUnit').selectOption('days');
    await page.fill('#milestones-0-compileAt', '1');
    for (const f of ['title', 'key', 'requestAt', 'dueAt', 'compileAt']) await page.fill(`#milestones-1-${f}`, '');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.locator('h1', { hasText: 'Check the plan before starting' }).waitFor();
    // Due 14 days after the request (at the end of that day): the 14-day reminder would come on the
    // evening of the request's day, with the request, which already tells the chair.
    const leftOut = await page.locator('[data-left-out="mid-term"]').allTextContents();
    expect(leftOut).toHaveLength(1);
    expect(leftOut[0]).toMatch(/^No reminder 14 days before the due date: it would come with the request, on /);
    expect(leftOut[0]).not.toMatch(/before the request/);
    await checkPage(page, 'walkthrough-plan');

    await page.getByRole('button', { name: 'Start the cycle' }).click();
    await page.waitForURL(/\/cycles\/[0-9a-f]{24}\?started=1$/);
    cycleId = /\/cycles\/([0-9a-f]{24})/.exec(page.url())![1];
    // Whichever moment the page caught, it says one thing, and its states agree with the table.
    const notice = (await page.locator('[data-started-notice]').textContent())!;
    const counts = (await page.locator('tr[data-milestone="mid-term"] [data-counts]').textContent())!;
    if (/Not requested yet/.test(counts)) {
      expect(notice).toMatch(/^The cycle has started\. The report requests for “Mid-term progress report” are being sent now/);
      expect([await tagAfterTitle(page), await milestoneTag(page)]).toEqual(['Scheduled', 'Scheduled']);
    } else {
      expect(notice).toMatch(/went out by e-mail to the chairs of these working groups \(1\): Integration through education\.$/);
      expect([await tagAfterTitle(page), await milestoneTag(page)]).toEqual(['Running', 'Requested']);
    }
    expect(notice).not.toMatch(/go out on/);

    // Once the requests exist, the page after starting names them (a reload, or a slower look).
    await web.h.waitFor('the request', async () => (await web.h.http.get(`/api/cycles/${cycleId}/tasks`)).body.length === 1);
    await page.goto(`${web.base}/cycles/${cycleId}?started=1`);
    expect(await page.locator('[data-started-notice]').textContent()).toBe(
      'The cycle has started: the report requests for “Mid-term progress report” went out by e-mail to the chairs of these working groups (1): Integration through education.',
    );
    expect([await tagAfterTitle(page), await milestoneTag(page)]).toEqual(['Running', 'Requested']);
    expect(await page.locator('tr[data-group="education"] td[data-milestone="mid-term"]').getAttribute('data-state')).toBe('open');
    await checkPage(page, 'walkthrough-cycle-started');
  }, 120_000);

  it("moving a due date onto the compilation says what happens to the compilation: in the API's answers, the form and the confirmation", async () => {
    const [task] = (await web.h.http.get(`/api/cycles/${cycleId}/tasks`)).body;
    const compileAt = new Date((await web.h.http.get(`/api/cycles/${cycleId}`)).body.milestones[0].compileAt);
    // Three days before the compilation: nothing to warn of.
    const early = await web.h.http
      .post(`/api/tasks/${task.id}/extensions`)
      .send({ dueAt: new Date(compileAt.getTime() - 3 * 86_400_000).toISOString(), reason: 'Council elections' })
      .expect(201);
    expect(early.body.warnings).toEqual([]);
    // Twelve hours before it: the answer says what will happen.
    const late = await web.h.http
      .post(`/api/tasks/${task.id}/extensions`)
      .send({ dueAt: new Date(compileAt.getTime() - 12 * 3_600_000).toISOString(), reason: 'Council elections moved' })
      .expect(201);
    expect(late.body.warnings).toEqual([
      {
        code: 'compiled-without-report',
        compileAt: compileAt.toISOString(),
        message: expect.stringMatching(/compiled without it, and compiled again with it when it comes in/),
      },
    ]);
    // The chair asks for the compilation day itself; the committee grants it on its page.
    const chair = await web.h.chair('education');
    const asked = await chair
      .post(`/api/tasks/${task.id}/extension-requests`)
      .send({ proposedDueAt: compileAt.toISOString(), reason: 'The council meets that day' })
      .expect(201);
    const page = await pages.newPage({ locale: 'en-GB' });
    await web.signIn(page, committee, `/cycles/${cycleId}/extension-requests`);
    const hint = await page.locator(`#dueAt-${asked.body.id}-hint`).textContent();
    expect(hint).toMatch(/The report is compiled on .+\. A due date on that day or the day before leaves the chair's last hours after the compilation/);
    await page.locator(`input[name="decision"][value="grant"]`).check();
    await page.locator(`#reason-${asked.body.id}`).fill('Granted: the council decides that day');
    await page.locator(`section[data-request="${asked.body.id}"] button[type="submit"]`).click();
    await page.waitForURL(/decided=/);
    expect(await page.locator('[data-warning="compiled-without-report"]').textContent()).toMatch(
      /^Note: the report is compiled on .+, less than a day after this due date\. If this group's report is not in by then, the report is compiled without it, and compiled again with it when it comes in\.$/,
    );
    await checkPage(page, 'walkthrough-grant-onto-compilation');
  }, 120_000);

  it('"Check your answers" does not scroll sideways at 360 px when a measure title holds a long unbroken word', async () => {
    const [task] = (await web.h.http.get(`/api/cycles/${cycleId}/tasks`)).body;
    const page = await pages.newPage({ locale: 'en-GB' });
    await web.signIn(page, 'chair.education@test.example.org', `/tasks/${task.id}`);
    await page.getByRole('link', { name: 'Start your report' }).click();
    const url = 'https://www.example.org/integration/' + 'sprachfoerderungsprogrammevaluierungsbericht'.repeat(3);
    await page.locator('#measures-0-title').fill(url);
    await page.locator('#measures-0-status').selectOption('planned');
    await page.locator('#goodPractices-0').fill('Elternsprachkursfinanzierungsvereinbarungsverhandlungsergebnisse');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${web.base}/tasks/${task.id}/check`);
    expect(await page.locator('main').textContent()).toContain(url);
    expect(await sidewaysScrollAt360(page)).toBe(0);
    await checkPage(page, 'walkthrough-check-long-word');
  }, 120_000);
});
