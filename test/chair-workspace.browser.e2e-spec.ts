import { dueOnDay } from '@pact/domain';
import { ObjectId } from 'mongodb';
import type { Page } from 'playwright-core';
import { browserSuite } from './support/browser-suite';
import { shortCycle } from './support/engine-harness';
import { checkPage, screenshots } from './support/web';

const active = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return { id: el?.id ?? '', tag: el?.tagName ?? '', cls: el?.className ?? '', text: (el?.textContent ?? '').trim() };
  });

/** Whether the focused element shows that it has focus (outline or the yellow focus background). */
const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as any;
    const s = g.getComputedStyle(g.document.activeElement);
    return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)';
  });

/**
 * The chair's journey in a real Chromium: sign in from the e-mailed link, the task, a draft
 * saved (by the button and by autosave), signed out and in again, the draft found, a
 * submission with an error, fixed, revision 1; a request for more time, granted by the
 * committee (through the API: its page is the committee console's) and the due date moved.
 * Every page and state checked with axe-core and photographed at 1280 and 360 px; the
 * submission again with JavaScript disabled; a keyboard-only pass through the form.
 */
describe('the chairs’ workspace in a browser (e2e)', () => {
  let taskId: string;
  let sportTask: string;
  let securityTask: string;
  const chair = 'chair.education@test.example.org';

  const newPage = (opts: { javaScriptEnabled?: boolean } = {}) => pages.newPage({ locale: 'en-GB', ...opts });
  const draftOf = (id: string) => web.h.db.collection('drafts').findOne({ taskId: id });
  const taskDoc = (id: string) => web.h.db.collection('tasks').findOne({ _id: new ObjectId(id) });

  const web = browserSuite({
    msPerDay: 1000,
    setUp: async () => {
      await web.h.tokenFor(['chair'], ['education']);
      await web.h.tokenFor(['chair'], ['sport']);
      await web.h.tokenFor(['chair'], ['security']);
      const cycle = (
        await web.h.http
          .post('/api/cycles')
          .send(
            shortCycle(web.h, {
              name: 'Browser cycle',
              groups: ['education', 'sport', 'security'],
              requestInDays: 0.01,
              dueAfterDays: 300,
              compileAfterDays: 400,
              lengthMonths: 24,
              reminders: [],
            }),
          )
          .expect(201)
      ).body;
      const tasks = await web.h.waitFor('tasks', async () => {
        const r = (await web.h.http.get(`/api/cycles/${cycle.id}/tasks`)).body;
        return r.length === 3 && r;
      });
      taskId = tasks.find((t: any) => t.groupKey === 'education').id;
      sportTask = tasks.find((t: any) => t.groupKey === 'sport').id;
      securityTask = tasks.find((t: any) => t.groupKey === 'security').id;
    },
  });
  const { pages } = web;

  it('a chair signs in from the link, saves a draft, signs out and in, finds it, submits with an error, fixes it and sees revision 1', async () => {
    const page = await newPage();
    await web.signIn(page, chair, `/tasks/${taskId}`);
    expect(new URL(page.url()).pathname).toBe(`/tasks/${taskId}`);
    expect(await page.locator('h1').textContent()).toBe('Implementation report: Integration through education');
    await checkPage(page, 'chair-task');

    await page.getByRole('link', { name: 'My tasks' }).click();
    expect(await page.locator(`tr[data-task="${taskId}"]`).count()).toBe(1);
    await checkPage(page, 'chair-my-tasks');
    await page.getByRole('link', { name: 'Submitted' }).click();
    expect(await page.locator('main p').first().textContent()).toBe('Nothing has been submitted yet.');
    await checkPage(page, 'chair-my-tasks-done');

    await page.goto(`${web.base}/tasks/${taskId}`);
    await page.getByRole('link', { name: 'Start your report' }).click();
    await page.waitForURL(`${web.base}/tasks/${taskId}/report`);
    expect(await page.locator('#draft-status').textContent()).toBe('This draft has not been saved yet.');
    await checkPage(page, 'chair-report-form');

    await page.getByLabel('Title').fill('Language courses for parents');
    await page.locator('#measures-0-status').selectOption('in-progress');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await page.locator('.notice', { hasText: 'Your draft has been saved.' }).waitFor();
    expect((await draftOf(taskId))!.content.measures[0]).toEqual({ title: 'Language courses for parents', status: 'in-progress', description: '' });
    await checkPage(page, 'chair-report-saved');

    // Autosave: typing is saved a moment later, without pressing anything; the line says when.
    const before = (await draftOf(taskId))!.version;
    await page.locator('#goodPractices-0').fill('Parents as co-teachers');
    await web.h.waitFor('the autosave', async () => ((await draftOf(taskId))!.version > before ? true : undefined));
    await page.waitForFunction(() => /^Draft last saved /.test((globalThis as any).document.getElementById('draft-status').textContent));
    expect((await draftOf(taskId))!.content.goodPractices).toEqual(['Parents as co-teachers']);
    // The form's version follows, so the next button press is not mistaken for a stale window.
    expect(await page.locator('input[name="draftVersion"]').inputValue()).toBe(String((await draftOf(taskId))!.version));

    // Sign out, sign in again: the draft is there.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${web.base}/signed-out`);
    await web.signIn(page, chair, `/tasks/${taskId}`);
    expect(await page.locator('main').textContent()).toContain('You have a draft, last saved');
    await checkPage(page, 'chair-task-draft');
    await page.getByRole('link', { name: 'Continue your report' }).click();
    expect(await page.locator('#measures-0-title').inputValue()).toBe('Language courses for parents');
    expect(await page.locator('#goodPractices-0').inputValue()).toBe('Parents as co-teachers');

    // Submit with an error: the summary at the top takes focus, linked to the field, the same words beside it.
    await page.locator('#indicator-early-school-leavers-baseline').fill('14,2');
    await page.locator('#indicator-early-school-leavers-target').fill('ten');
    await page.locator('#indicator-early-school-leavers-actual').fill('12.9');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.title()).toBe('Error: Your report – Implementation report: Integration through education – Pact monitoring');
    expect((await active(page)).cls).toBe('error-summary');
    const message = 'Enter the target of Early school leavers with a migrant background as a number, like 12.5';
    expect(await page.locator('.error-summary a').allTextContents()).toEqual([message]);
    expect(await page.locator('#indicator-early-school-leavers-target-error').textContent()).toContain(message);
    await checkPage(page, 'chair-report-errors');
    await page.locator('.error-summary a').click();
    expect((await active(page)).id).toBe('indicator-early-school-leavers-target');
    expect(await web.h.db.collection('submissions').countDocuments({ taskId })).toBe(0);

    await page.locator('#indicator-early-school-leavers-target').fill('10');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${web.base}/tasks/${taskId}/check`);
    expect(await page.locator('h1').textContent()).toBe('Check your answers before submitting');
    await checkPage(page, 'chair-check-answers');
    await page.getByRole('button', { name: 'Submit report' }).click();
    await page.waitForURL(`${web.base}/tasks/${taskId}/submitted?revision=1`);
    expect(await page.locator('.panel-body').textContent()).toBe('Revision 1');
    await checkPage(page, 'chair-submitted');
    await page.getByRole('link', { name: 'Go to the task' }).click();
    expect(await page.locator('.revision-title').allTextContents()).toEqual(['Revision 1']);
    expect(await page.locator('.diff-list').textContent()).toContain('Measure added: Language courses for parents (In progress)');
    await checkPage(page, 'chair-task-revision-1');
    expect((await taskDoc(taskId))!.status).toBe('submitted');
  }, 180_000);

  it('asks for more time; the committee grants it (through the API) and the due date moves', async () => {
    const page = await newPage();
    await web.signIn(page, 'chair.sport@test.example.org', `/tasks/${sportTask}`);
    const dueBefore = await page.locator('time').first().getAttribute('datetime');
    await page.getByRole('link', { name: 'Ask for more time' }).click();
    await page.waitForURL(`${web.base}/tasks/${sportTask}/extension`);
    await checkPage(page, 'chair-extension');

    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary a').allTextContents()).toEqual(['Enter the new due date']);
    expect((await active(page)).cls).toBe('error-summary');
    await checkPage(page, 'chair-extension-errors');

    const proposed = new Date(new Date(dueBefore!).getTime() + 30 * 86_400_000);
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(proposed);
    const part = (t: string) => parts.find((p) => p.type === t)!.value;
    await page.getByLabel('Day').fill(part('day'));
    await page.getByLabel('Month').fill(part('month'));
    await page.getByLabel('Year').fill(part('year'));
    await page.getByLabel('Why do you need more time?').fill('Our council approves the report only in its next session.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.locator('.notice', { hasText: 'Your request has been sent to the steering committee.' }).waitFor();
    expect(await page.locator('[data-request="pending"]').count()).toBe(1);
    await checkPage(page, 'chair-task-extension-pending');
    await page.getByRole('link', { name: 'My tasks' }).click();
    expect(await page.locator(`tr[data-task="${sportTask}"] td[data-extension="pending"]`).count()).toBe(1);

    const requestId = (await taskDoc(sportTask))!.pendingExtensionRequestId;
    await web.h.http.post(`/api/tasks/${sportTask}/extension-requests/${requestId}/decision`).send({ grant: true, reason: 'The council matters' }).expect(200);
    await page.goto(`${web.base}/tasks/${sportTask}`);
    const dueAfter = await page.locator('time').first().getAttribute('datetime');
    // The day asked for, granted: due at the end of that day on the chair's clock (Brussels).
    expect(new Date(dueAfter!).getTime()).toBe(
      dueOnDay({ year: Number(part('year')), month: Number(part('month')), day: Number(part('day')) }, 'Europe/Brussels').getTime(),
    );
    expect(await page.locator('[data-request="granted"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('The council matters');
    await checkPage(page, 'chair-task-extension-granted');
  }, 120_000);

  it('the whole submission works with JavaScript disabled: add and remove rows, an error, check, submit', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await web.signIn(page, 'chair.security@test.example.org', `/tasks/${securityTask}`);
    await page.getByRole('link', { name: 'Start your report' }).click();
    await page.locator('#measures-0-title').fill('Security partnerships');
    await page.locator('#measures-0-status').selectOption('planned');
    await page.getByRole('button', { name: 'Add another measure' }).click();
    await page.waitForURL(`${web.base}/tasks/${securityTask}/report#measures-1-title`);
    await page.locator('#measures-1-title').fill('Police liaison officers');
    await page.getByRole('button', { name: 'Add another obstacle' }).click();
    await page.locator('#obstacles-1').waitFor();
    await page.locator('#obstacles-0').fill('Staff turnover');
    await page.getByRole('button', { name: 'Remove obstacle 2' }).click();
    await page.waitForURL(`${web.base}/tasks/${securityTask}/report#obstacles`);
    expect(await page.locator('#obstacles-1').count()).toBe(0);
    expect(await page.locator('#measures-1-title').inputValue()).toBe('Police liaison officers');
    // axe needs JavaScript in the page; these are the pages checked above with it. Screenshots only.
    await screenshots(page, 'chair-report-form-no-js');

    // Measure 2 has no status: the error is shown beside it and in the summary.
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.error-summary a').allTextContents()).toEqual(['Choose the status of measure 2']);
    expect(await page.locator('#measures-1-status-error').textContent()).toContain('Choose the status of measure 2');
    await screenshots(page, 'chair-report-errors-no-js');
    await page.locator('#measures-1-status').selectOption('in-progress');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${web.base}/tasks/${securityTask}/check`);
    await page.getByRole('button', { name: 'Submit report' }).click();
    await page.waitForURL(`${web.base}/tasks/${securityTask}/submitted?revision=1`);
    const revision = await web.h.db.collection('submissions').findOne({ taskId: securityTask, revision: 1 });
    expect(revision!.content.measures).toEqual([
      { title: 'Security partnerships', status: 'planned' },
      { title: 'Police liaison officers', status: 'in-progress' },
    ]);
    expect(revision!.content.obstacles).toEqual(['Staff turnover']);
    expect((await draftOf(securityTask))!.content).toBeNull();
  }, 120_000);

  it('the form can be filled and sent with the keyboard alone, with visible focus; Enter in a field saves, never removes', async () => {
    const page = await newPage();
    await web.signIn(page, chair, `/tasks/${taskId}/report`);
    // Revision 1 is in; the form starts empty for a new revision.
    await page.keyboard.press('Tab');
    expect((await active(page)).cls).toBe('skip-link');
    await page.keyboard.press('Enter');
    const trail: string[] = [];
    for (let i = 0; i < 30 && (await active(page)).id !== 'measures-0-title'; i++) {
      await page.keyboard.press('Tab');
      trail.push((await active(page)).id || (await active(page)).text);
    }
    expect((await active(page)).id).toBe('measures-0-title');
    // Nothing hidden took focus on the way (the form's default button is out of the tab order).
    expect(trail.filter((t) => /^Save draft$/.test(t))).toEqual([]);
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.type('Homework clubs');
    await page.keyboard.press('Tab');
    expect((await active(page)).id).toBe('measures-0-status');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#measures-0-status').inputValue()).toBe('planned');
    await page.keyboard.press('Tab');
    expect((await active(page)).id).toBe('measures-0-description');
    await page.keyboard.type('After school, twice a week');
    // The only measure has no "Remove" button: the next stop adds another.
    await page.keyboard.press('Tab');
    expect((await active(page)).text).toBe('Add another measure');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${web.base}/tasks/${taskId}/report#measures-1-title`);
    // The new row's first field has focus.
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.id === 'measures-1-title');
    await page.keyboard.type('Mentoring');
    // Enter in a text field presses the form's first button, which saves.
    await page.keyboard.press('Enter');
    await page.locator('.notice', { hasText: 'Your draft has been saved.' }).waitFor();
    const measures = (await draftOf(taskId))!.content.measures;
    expect(measures.map((m: { title: string }) => m.title)).toEqual(['Homework clubs', 'Mentoring']);
    // On to "Continue" by keyboard: an error (measure 2 has no status) takes focus in the summary; Enter on its link reaches the field.
    await page.locator('button[value="continue"]').focus();
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
    expect((await active(page)).cls).toBe('error-summary');
    await page.keyboard.press('Tab');
    expect((await active(page)).text).toBe('Choose the status of measure 2');
    await page.keyboard.press('Enter');
    expect((await active(page)).id).toBe('measures-1-status');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await checkPage(page, 'chair-report-keyboard');
  }, 120_000);
});
