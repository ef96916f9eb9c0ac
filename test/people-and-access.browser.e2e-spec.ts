import { browserSuite } from './support/browser-suite';
import { reportFor, shortCycle } from './support/engine-harness';
import { checkPage, screenshots } from './support/web';

/**
 * The pages this round changed, in German, in a real Chromium: the People page and its form,
 * the change-the-chair form refusing a change that crossed another, a chair's task with a
 * request for more time that lapsed when the report came in, and the confirmation of the last
 * report awaited. Every page is checked with axe-core (0 serious or critical) and photographed
 * at 1280 and 360 px; the two committee forms are sent once more with JavaScript off.
 */
describe('people, chairs and lapsed requests in German, in a browser (e2e)', () => {
  let taskId: string;
  const committee = 'committee@test.example.org';
  const chairEmail = 'chair.education@test.example.org';
  const german = (opts: { javaScriptEnabled?: boolean } = {}) => pages.newPage({ locale: 'de-DE', ...opts });

  const web = browserSuite({
    // Slow cycle time: nothing falls due while the test runs.
    msPerDay: 1000,
    setUp: async () => {
      const cycle = (
        await web.h.http
          .post('/api/cycles')
          .send(
            shortCycle(web.h, {
              name: 'Zyklus',
              groups: ['education'],
              requestInDays: 0.01,
              dueAfterDays: 300,
              compileAfterDays: 400,
              lengthMonths: 24,
              reminders: [],
            }),
          )
          .expect(201)
      ).body;
      taskId = await web.h.waitFor('the education task', async () => (await web.h.http.get(`/api/cycles/${cycle.id}/tasks`)).body[0]?.id);
      const chair = await web.h.chair('education');
      const proposedDueAt = new Date(web.h.clock.now().getTime() + 320 * 86_400_000).toISOString();
      await chair.post(`/api/tasks/${taskId}/extension-requests`).send({ proposedDueAt, reason: 'Daten kommen spät' }).expect(201);
      // The report comes in before the committee decides: the request lapses, and every report is in.
      await chair.post(`/api/tasks/${taskId}/submissions`).send(reportFor('education')).expect(201);
    },
  });
  const { pages } = web;

  it('the committee: People, adding a person with errors, a chair change that crossed another', async () => {
    const page = await german();
    await web.signIn(page, committee, '/people');
    expect(await page.locator('h1').textContent()).toBe('Personen');
    await checkPage(page, 'de-people');
    await page.getByRole('link', { name: 'Person hinzufügen' }).click();
    await page.waitForURL(`${web.base}/people/new`);
    await checkPage(page, 'de-person-new');
    await page.getByRole('button', { name: 'Diese Person hinzufügen' }).click();
    await page.locator('#role-error').waitFor();
    expect(await page.locator('#role-error').innerText()).toContain('Wählen Sie eine Rolle');
    expect(await page.locator('.error-summary').innerText()).toContain('Geben Sie den Namen der Person ein');
    await checkPage(page, 'de-person-new-errors');

    await page.goto(`${web.base}/working-groups/sport`);
    expect(await page.locator('[data-who-is-told]').innerText()).toContain('Der Zugang folgt dem Vorsitz');
    await checkPage(page, 'de-working-group');
    await page.fill('#name', 'Jonas Weber');
    await page.fill('#email', 'jonas.weber@city.example.de');
    // Another committee member names someone else while this form is open.
    await web.h.http
      .patch('/api/working-groups/sport')
      .send({ chair: { name: 'Eva Novak', email: 'eva.novak@city.example.cz', language: 'en' } })
      .expect(200);
    await page.getByRole('button', { name: 'Neuen Vorsitz speichern' }).click();
    await page.locator('#name-error').waitFor();
    expect(await page.locator('#name-error').innerText()).toContain(
      'Jemand hat den Vorsitz geändert, während dieses Formular offen war: Vorsitz ist jetzt Eva Novak (eva.novak@city.example.cz).',
    );
    await checkPage(page, 'de-working-group-changed-meanwhile');
    expect((await web.h.http.get('/api/working-groups/sport').expect(200)).body.chair.email).toBe('eva.novak@city.example.cz');
  }, 120_000);

  it('the chair: the lapsed request on the task page and in My tasks, and the confirmation of the last report', async () => {
    const page = await german();
    await web.signIn(page, chairEmail, `/tasks/${taskId}`);
    expect(await page.locator('li[data-request="lapsed"]').innerText()).toContain('Nicht mehr nötig: Der Bericht wurde am');
    await checkPage(page, 'de-chair-task-lapsed');
    await page.goto(`${web.base}/my-tasks?show=done`);
    expect(await page.locator('td[data-extension="lapsed"]').innerText()).toContain('nicht mehr nötig, der Bericht kam zuerst');
    await checkPage(page, 'de-chair-my-tasks-lapsed');
    await page.goto(`${web.base}/tasks/${taskId}/submitted?revision=1`);
    // The only report awaited: compiled at once (being compiled, or compiled already by now).
    expect(await page.locator('main').innerText()).toMatch(/ohne den .* abzuwarten|war bereits erstellt/);
    await checkPage(page, 'de-chair-submitted-all-in');
  }, 120_000);

  it('with JavaScript off: adds a person and changes a chair', async () => {
    const page = await german({ javaScriptEnabled: false });
    await web.signIn(page, committee, '/people/new');
    await page.fill('#name', 'Sofia Conti');
    await page.fill('#email', 'sofia.conti@pact.example.eu');
    await page.getByLabel('Betrieb', { exact: true }).check();
    await page.getByRole('button', { name: 'Diese Person hinzufügen' }).click();
    await page.waitForURL(/\/people\?added=[0-9a-f]{24}$/);
    expect(await page.locator('.notice').innerText()).toContain('Sofia Conti kann sich jetzt anmelden');
    await screenshots(page, 'de-no-js-people-added');

    await page.goto(`${web.base}/working-groups/sport`);
    await page.fill('#name', 'Jonas Weber');
    await page.fill('#email', 'jonas.weber@city.example.de');
    await page.getByRole('button', { name: 'Neuen Vorsitz speichern' }).click();
    await page.waitForURL(`${web.base}/working-groups?changed=sport`);
    expect(await page.locator('.notice').innerText()).toContain('Jonas Weber');
    await screenshots(page, 'de-no-js-working-groups-changed');
    const jonas = (await web.h.http.get('/api/users').expect(200)).body.find((u: { email: string }) => u.email === 'jonas.weber@city.example.de');
    expect(jonas).toMatchObject({ roles: ['chair'], groupKeys: ['sport'] });
  }, 120_000);
});
