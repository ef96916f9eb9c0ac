import type { Page } from 'playwright-core';
import { calendarDayOf, dueOnDay, periodOf } from '@pact/domain';
import { ObservationService } from '@pact/engine';
import { browserSuite } from './support/browser-suite';
import { reportFor, shortCycle } from './support/engine-harness';
import { checkPage } from './support/web';

const MS_PER_DAY = 400;

/**
 * The committee's console in a real Chromium: starting a cycle through the form and its plan
 * preview, the progress matrix filling as chairs submit (through the API), a chair's request for
 * more time granted, an overdue request extended in one step, a chair changed, a report published and compared. Every page and state
 * is checked with axe-core (0 serious or critical) and photographed at 1280 and 360 px; the form
 * is used with the keyboard alone, and the console once more with JavaScript off.
 */
describe('committee console in a browser (e2e)', () => {
  let earlierCycle: string;
  const committee = 'committee@test.example.org';

  const newPage = (opts: { javaScriptEnabled?: boolean } = {}) => pages.newPage(opts);
  /** A date `days` from the engine's now, as a date input takes it. */
  const dayFromNow = (days: number) => web.h.daysFromNow(days).toISOString().slice(0, 10);
  const api = (path: string) =>
    web.h.http
      .get(path)
      .expect(200)
      .then((r) => r.body);
  const stateOf = (page: Page, group: string, milestone: string) =>
    page.locator(`tr[data-group="${group}"] td[data-milestone="${milestone}"]`).getAttribute('data-state');

  const web = browserSuite({
    msPerDay: MS_PER_DAY,
    setUp: async () => {
      // An earlier cycle whose report is compiled, to compare with.
      earlierCycle = (
        await web.h.http
          .post('/api/cycles')
          .send(
            shortCycle(web.h, {
              name: 'Earlier cycle',
              groups: ['education', 'sport', 'labour-market'],
              requestInDays: 0.1,
              dueAfterDays: 300,
              compileAfterDays: 330,
              lengthMonths: 24,
            }),
          )
          .expect(201)
      ).body.id;
      const tasks = await web.h.waitFor('the earlier cycle’s requests', async () => {
        const r = await api(`/api/cycles/${earlierCycle}/tasks`);
        return r.length === 3 && r;
      });
      for (const t of tasks) await (await web.h.chair(t.groupKey)).post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey)).expect(201);
      await web.h.waitFor('the earlier report', async () => (await web.h.http.get(`/api/cycles/${earlierCycle}/report`)).status === 200, 60_000);
    },
  });
  const { pages } = web;

  it('starts a cycle through the form and its preview; the matrix fills as chairs submit; a request for more time is granted; an overdue request is extended; the report is published and compared', async () => {
    const page = await newPage();
    await web.signIn(page, committee);
    expect(new URL(page.url()).pathname).toBe('/cycles');
    await checkPage(page, 'console-cycles');

    await page.getByRole('link', { name: 'Start a cycle' }).click();
    await page.waitForURL(`${web.base}/cycles/new`);
    await checkPage(page, 'console-start-cycle');

    // Preview with the name missing and a milestone due before its request: errors beside the fields, summary focused.
    await page.fill('#milestones-1-dueAt', '21');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.title()).toBe('Error: Start a cycle – Pact monitoring');
    expect(await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#name']);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.className)).toBe('error-summary');
    await checkPage(page, 'console-start-cycle-errors');
    await page.fill('#name', 'Browser cycle');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.locator('#milestones-1-dueAt-error').waitFor();
    expect(await page.locator('#milestones-1-dueAt-error').textContent()).toContain('Milestone 2 must be due after its request');
    await checkPage(page, 'console-start-cycle-plan-error');

    // A short cycle that starts today, for three working groups.
    await page.fill('#start', dayFromNow(0));
    await page.fill('#lengthMonths', '12');
    for (const box of await page.locator('input[name="groups"]').all()) {
      if (!['education', 'sport', 'labour-market'].includes((await box.getAttribute('value'))!)) await box.uncheck();
    }
    const chosen = await page.locator('input[name="groups"]:checked').evaluateAll((bs) => bs.map((b) => (b as any).value));
    expect(chosen.sort()).toEqual(['education', 'labour-market', 'sport']);
    await page.fill('#milestones-0-requestAt', '0');
    await page.fill('#milestones-0-dueAt', '40');
    await page.fill('#milestones-0-compileAt', '4');
    await page.fill('#milestones-1-requestAt', '5');
    await page.fill('#milestones-1-dueAt', '6');
    await page.fill('#milestones-1-compileAt', '7');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.locator('h1', { hasText: 'Check the plan before starting' }).waitFor();
    expect(await page.locator('table[data-plan-milestone="mid-term"] tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-step')))).toEqual([
      'request',
      'reminder',
      'reminder',
      'due',
      'escalation',
      'escalation',
      'compile',
    ]);
    // Days typed are days: the request at 00:00 and the due date at 23:59:59 on the Brussels clock, both shown as dates (never "1:00 AM").
    const stepAt = async (step: string) =>
      new Date((await page.locator(`table[data-plan-milestone="mid-term"] tr[data-step="${step}"] time`).getAttribute('datetime'))!);
    const brussels = (d: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
    const longDate = (d: Date) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(d);
    expect(brussels(await stepAt('request'))).toBe('00:00:00');
    expect(brussels(await stepAt('due'))).toBe('23:59:59');
    expect(await page.locator('table[data-plan-milestone="mid-term"] tr[data-step="request"] time').textContent()).toBe(longDate(await stepAt('request')));
    expect(await page.locator('table[data-plan-milestone="mid-term"] tr[data-step="due"] time').textContent()).toBe(longDate(await stepAt('due')));
    expect(await page.locator('table[data-plan-milestone] time').allTextContents()).not.toContainEqual(expect.stringMatching(/AM|PM/));
    expect(await page.locator('.summary-list').innerText()).not.toMatch(/AM|PM/);
    await checkPage(page, 'console-start-cycle-check');

    await page.getByRole('button', { name: 'Start the cycle' }).click();
    await page.waitForURL(/\/cycles\/[0-9a-f]{24}\?started=1$/);
    const cycleId = /\/cycles\/([0-9a-f]{24})/.exec(page.url())![1];
    expect(await page.locator('[data-started-notice]').textContent()).toMatch(/^The cycle has started[:.] /);
    await checkPage(page, 'console-cycle-started');

    // The requests go out at the start (today): the matrix fills as the worker creates them and chairs submit.
    const tasks = await web.h.waitFor('the new cycle’s requests', async () => {
      const r = await api(`/api/cycles/${cycleId}/tasks`);
      return r.length === 3 && r;
    });
    const taskOf = (g: string) => tasks.find((t: any) => t.groupKey === g).id;
    // The task page agrees with the preview: the due date is a date.
    await page.goto(`${web.base}/tasks/${taskOf('sport')}`);
    const due = page.locator(`time[datetime="${tasks.find((t: any) => t.groupKey === 'sport').dueAt}"]`);
    expect(await due.textContent()).toBe(longDate(new Date(tasks.find((t: any) => t.groupKey === 'sport').dueAt)));
    await checkPage(page, 'console-task-due-day');
    await (
      await web.h.chair('education')
    )
      .post(`/api/tasks/${taskOf('education')}/submissions`)
      .send(reportFor('education', 1))
      .expect(201);
    // The labour market's chair asks for 20 more days.
    const lmDue = tasks.find((t: any) => t.groupKey === 'labour-market').dueAt;
    const proposed = new Date(new Date(lmDue).getTime() + 20 * 86_400_000).toISOString();
    await (
      await web.h.chair('labour-market')
    )
      .post(`/api/tasks/${taskOf('labour-market')}/extension-requests`)
      .send({ proposedDueAt: proposed, reason: 'Our board meets later this month' })
      .expect(201);
    await page.goto(`${web.base}/cycles/${cycleId}`);
    expect(await stateOf(page, 'education', 'mid-term')).toBe('submitted');
    expect(await stateOf(page, 'sport', 'mid-term')).toBe('open');
    expect(await stateOf(page, 'sport', 'final')).toBe('not-requested');
    expect(await page.locator('tr[data-group="education"] td[data-milestone="mid-term"]').innerText()).toContain('Submitted on time');
    expect(await page.locator('tr[data-group="labour-market"] td[data-milestone="mid-term"]').innerText()).toContain('Asked for more time');
    await checkPage(page, 'console-cycle-matrix');

    // The committee grants the request: the proposed date, a reason the chair reads.
    await page.getByRole('link', { name: /Requests for more time waiting for you \(1\)/ }).click();
    await page.waitForURL(`${web.base}/cycles/${cycleId}/extension-requests`);
    expect(await page.locator('[data-reason]').innerText()).toBe('Our board meets later this month');
    await checkPage(page, 'console-extension-requests');
    await page.getByRole('button', { name: /Send the decision/ }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary a').allInnerTexts()).toEqual([
      'Choose whether to grant or refuse the request',
      'Enter a reason of 3 to 2000 characters',
    ]);
    await checkPage(page, 'console-extension-requests-errors');
    await page.getByLabel('Grant', { exact: true }).check();
    await page.getByLabel('Your reason').fill('The board must approve the report');
    await page.getByRole('button', { name: /Send the decision/ }).click();
    await page.locator('.notice', { hasText: 'Granted: Integration into the labour market' }).waitFor();
    expect(await page.locator('[data-empty]').innerText()).toBe('No chair of this cycle is waiting for an answer to a request for more time.');
    await checkPage(page, 'console-extension-requests-decided');
    expect((await api(`/api/tasks/${taskOf('labour-market')}`)).task.dueAt).toBe(proposed);

    // Past the first due date: sport is overdue and escalated; the labour market, given more time, submits on time.
    await web.h.waitFor(
      'sport overdue and escalated',
      async () => {
        const t = (await api(`/api/tasks/${taskOf('sport')}`)).task;
        return t.status === 'overdue' && t.escalationLevel >= 1;
      },
      60_000,
    );
    await (
      await web.h.chair('labour-market')
    )
      .post(`/api/tasks/${taskOf('labour-market')}/submissions`)
      .send(reportFor('labour-market'))
      .expect(201);
    await page.goto(`${web.base}/cycles/${cycleId}`);
    expect(await stateOf(page, 'sport', 'mid-term')).toBe('overdue');
    expect(await page.locator('tr[data-group="sport"] td[data-milestone="mid-term"]').innerText()).toMatch(/Overdue\s+Escalated to level \d/);
    expect(await stateOf(page, 'labour-market', 'mid-term')).toBe('submitted');
    expect(await page.locator('tr[data-group="labour-market"] td[data-milestone="mid-term"]').innerText()).toContain('Extensions: 1');
    expect(await page.locator('tr[data-milestone="mid-term"] td[data-rate]').innerText()).toBe('67 % (2 of 3 due so far)');
    await checkPage(page, 'console-cycle-matrix-overdue');

    // The overdue list: one step to a new date, saying who is told.
    await page.getByRole('link', { name: /Overdue report requests \(1\)/ }).click();
    await page.waitForURL(`${web.base}/cycles/${cycleId}/overdue`);
    expect(await page.locator('[data-told]').innerText()).toBe(
      'Lena Schmidt (chair.sport@pact.example.eu), the chair, is e-mailed the new date and the reason.',
    );
    await checkPage(page, 'console-overdue');
    await page.getByRole('button', { name: /Extend the deadline/ }).click();
    await page.locator('.error-summary').waitFor();
    await checkPage(page, 'console-overdue-errors');
    const newDue = dayFromNow(10);
    const prior = new Date((await api(`/api/tasks/${taskOf('sport')}`)).task.dueAt);
    await page.locator(`#dueAt-${taskOf('sport')}`).fill(newDue);
    await page.locator(`#reason-${taskOf('sport')}`).fill('The chair was ill');
    await page.getByRole('button', { name: /Extend the deadline/ }).click();
    await page.waitForURL(`${web.base}/cycles/${cycleId}/overdue?extended=${taskOf('sport')}`);
    expect(await page.locator('.notice').innerText()).toContain('Integration through sport, Mid-term progress report: now due');
    expect(await page.locator('[data-empty]').innerText()).toBe('Nothing is overdue in this cycle.');
    await checkPage(page, 'console-overdue-extended');
    await page.goto(`${web.base}/cycles/${cycleId}`);
    expect(await stateOf(page, 'sport', 'mid-term')).toBe('open');
    expect(await page.locator('tr[data-group="sport"] td[data-milestone="mid-term"]').innerText()).toContain('Extensions: 1');
    // The end of that day on the chair's clock (Brussels: the chair of sport names no time zone).
    expect(prior).not.toEqual(new Date((await api(`/api/tasks/${taskOf('sport')}`)).task.dueAt));
    expect((await api(`/api/tasks/${taskOf('sport')}`)).task.dueAt).toBe(dueOnDay(calendarDayOf(newDue)!, 'Europe/Brussels').toISOString());

    // The last chair submits: every group is in, the report is compiled at once.
    await (
      await web.h.chair('sport')
    )
      .post(`/api/tasks/${taskOf('sport')}/submissions`)
      .send(reportFor('sport'))
      .expect(201);
    await web.h.waitFor('the mid-term report', async () => (await web.h.http.get(`/api/cycles/${cycleId}/report?milestone=mid-term`)).status === 200, 60_000);
    await page.reload();
    expect(await stateOf(page, 'sport', 'mid-term')).toBe('submitted');
    await page
      .getByRole('link', { name: /Read the report/ })
      .first()
      .click();
    await page.waitForURL(new RegExp(`/cycles/${cycleId}/report\\?milestone=mid-term$`));
    expect(await page.locator('.lead').innerText()).toBe('3 on time, 0 late, 0 missing of 3 working groups.');
    expect(await page.locator('[data-report-document] h2').first().innerText()).toBe('Coverage');
    await checkPage(page, 'console-report');

    await page.getByRole('button', { name: 'Publish this report as a new version' }).click();
    await page.locator('.notice', { hasText: 'Published as version 1.' }).waitFor();
    expect(await page.locator('tr[data-version]').count()).toBe(1);
    await checkPage(page, 'console-report-published');

    await page.selectOption('#compare', earlierCycle);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('[data-comparison]').waitFor();
    expect(await page.locator('#comparison-title').innerText()).toBe('Changes since Earlier cycle');
    await checkPage(page, 'console-report-compare');
  }, 300_000);

  it('changes a chair, saying who is told; the cycles list filters by state', async () => {
    const page = await newPage();
    await web.signIn(page, committee, '/working-groups');
    await checkPage(page, 'console-working-groups');

    // Indicators over time: values of two years (as a history import stores them), a chart and its table.
    const importedAt = new Date('2030-01-01T00:00:00Z');
    await web.h.api.get(ObservationService).record(
      [
        [2013, 12.5],
        [2015, 9],
      ].map(([year, value]) => ({
        programme: 'pact',
        indicator: 'education.early-school-leavers',
        participant: 'education',
        period: periodOf.year(year),
        value,
        provenance: { kind: 'import' as const, importedAt },
      })),
    );
    await page.getByRole('link', { name: /^Indicators over time\W+Integration through education$/ }).click();
    await page.waitForURL(`${web.base}/working-groups/education/trends`);
    expect(await page.locator('[data-indicator="education.early-school-leavers"] tbody').innerText()).toMatch(/2013\s+12\.5\s+2015\s+9/);
    await checkPage(page, 'console-working-group-trends');
    await page.goto(`${web.base}/working-groups`);
    await page.getByRole('link', { name: /^Change the chair\W+Integration through education$/ }).click();
    await page.waitForURL(`${web.base}/working-groups/education`);
    expect(await page.locator('[data-who-is-told]').innerText()).toContain('Nobody is e-mailed about this change');
    await checkPage(page, 'console-working-group');
    await page.fill('#email', 'not an address');
    await page.getByRole('button', { name: 'Save the new chair' }).click();
    await page.locator('#email-error').waitFor();
    await checkPage(page, 'console-working-group-errors');
    await page.fill('#name', 'Eva Novak');
    await page.fill('#email', 'eva.novak@city.example.cz');
    await page.selectOption('#language', 'en');
    await page.selectOption('#timeZone', 'Europe/Prague');
    await page.getByRole('button', { name: 'Save the new chair' }).click();
    await page.waitForURL(`${web.base}/working-groups?changed=education`);
    expect(await page.locator('.notice').innerText()).toContain('Integration through education: Eva Novak is the chair now');
    await checkPage(page, 'console-working-groups-changed');

    await page.goto(`${web.base}/cycles?status=completed`);
    await checkPage(page, 'console-cycles-filtered');
    await page.goto(`${web.base}/cycles?status=nothing`);
    await checkPage(page, 'console-cycles-filter-error');
  }, 120_000);

  it('adds a person on the People page: errors beside the fields, then the person listed', async () => {
    const page = await newPage();
    await web.signIn(page, committee, '/people');
    await checkPage(page, 'console-people');
    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.waitForURL(`${web.base}/people/new`);
    await checkPage(page, 'console-person-new');
    await page.fill('#name', 'Sofia Conti');
    await page.fill('#email', 'not an address');
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.locator('#email-error').waitFor();
    expect(await page.locator('#role-error').innerText()).toContain('Choose a role');
    await checkPage(page, 'console-person-new-errors');
    await page.fill('#email', 'sofia.conti@pact.example.eu');
    await page.getByLabel('Operator').check();
    await page.selectOption('#language', 'fr');
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.waitForURL(/\/people\?added=/);
    expect(await page.locator('.notice').innerText()).toContain('Sofia Conti can sign in now');
    expect(await page.locator('tr[data-person="sofia.conti@pact.example.eu"]').innerText()).toMatch(/Operator[\s\S]*French/);
    await checkPage(page, 'console-people-added');
  }, 120_000);

  it('the start-a-cycle form works with the keyboard alone, focus always visible', async () => {
    const page = await newPage();
    await web.signIn(page, committee, '/cycles/new');
    const focused = () =>
      page.evaluate(() => {
        const g = globalThis as any;
        const e = g.document.activeElement;
        const s = g.getComputedStyle(e);
        return { id: e.id || e.className || e.tagName, visible: s.outlineStyle !== 'none' || s.boxShadow !== 'none' };
      });
    await page.keyboard.press('Tab');
    expect((await focused()).id).toBe('skip-link');
    await page.keyboard.press('Enter');
    // From the main content, the first field is the name.
    const trail: { id: string; visible: boolean }[] = [];
    for (let i = 0; i < 5 && (trail.at(-1)?.id ?? '') !== 'name'; i++) {
      await page.keyboard.press('Tab');
      trail.push(await focused());
    }
    expect(trail.at(-1)).toEqual({ id: 'name', visible: true });
    // Preview with the name empty: the summary takes focus; its link takes focus to the field.
    const toButton = async (label: string) => {
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        expect({ f, visible: f.visible }).toEqual({ f, visible: true });
        if ((await page.evaluate(() => (globalThis as any).document.activeElement?.textContent ?? '')).trim() === label) return;
      }
      throw new Error(`no ${label} button reached with Tab`);
    };
    await toButton('Preview the plan');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
    expect((await focused()).id).toBe('error-summary');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('name');
    await page.keyboard.type('Keyboard cycle');
    await toButton('Preview the plan');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Check the plan before starting' }).waitFor();
    await toButton('Start the cycle');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cycles\/[0-9a-f]{24}\?started=1$/);
    expect(await page.locator('h1').innerText()).toBe('Keyboard cycle');
  }, 120_000);

  it('works with JavaScript off: start a cycle (an error, then the preview), publish again, change a chair', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await web.signIn(page, committee, '/cycles/new');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.locator('#name-error').waitFor();
    await page.fill('#name', 'No-script cycle');
    // Add a third milestone in the empty row.
    await page.fill('#milestones-2-title', 'Baseline survey');
    await page.fill('#milestones-2-key', 'baseline');
    await page.fill('#milestones-2-requestAt', '1');
    await page.fill('#milestones-2-dueAt', '30');
    await page.fill('#milestones-2-compileAt', '3');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.locator('h1', { hasText: 'Check the plan before starting' }).waitFor();
    expect(await page.locator('table[data-plan-milestone]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-plan-milestone')))).toEqual([
      'baseline',
      'mid-term',
      'final',
    ]);
    await page.getByRole('button', { name: 'Change the plan' }).click();
    // The rows come back as typed (the preview orders the milestones by date).
    expect(await page.locator('#milestones-2-key').inputValue()).toBe('baseline');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.getByRole('button', { name: 'Start the cycle' }).click();
    await page.waitForURL(/\/cycles\/[0-9a-f]{24}\?started=1$/);
    expect(await page.locator('h1').innerText()).toBe('No-script cycle');

    await page.goto(`${web.base}/cycles/${earlierCycle}/report`);
    await page.getByRole('button', { name: 'Publish this report as a new version' }).click();
    await page.locator('.notice', { hasText: 'Published as version 1.' }).waitFor();
    await page.getByRole('button', { name: 'Publish this report as a new version' }).click();
    await page.locator('.notice', { hasText: 'Nothing has changed since version 1' }).waitFor();

    await page.goto(`${web.base}/working-groups/sport`);
    await page.fill('#name', 'Jonas Weber');
    await page.getByRole('button', { name: 'Save the new chair' }).click();
    await page.waitForURL(`${web.base}/working-groups?changed=sport`);
    expect(await page.locator('.notice').innerText()).toContain('Jonas Weber is the chair now');
  }, 120_000);
});
