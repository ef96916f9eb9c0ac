import { browserSuite } from './support/browser-suite';
import { reportFor, shortCycle } from './support/engine-harness';
import { checkPage } from './support/web';

/**
 * Texts from configuration in the reader's language (issue 17, point 1): the Pact's group names
 * and goals, milestone titles and indicator names are written in English, German and French in
 * config/programmes/pact.yaml; a German chair reads them in German on the pages (in Chromium), in the e-mail
 * and the calendar feed, and in the report in every format; the JSON API answers in the language
 * its caller accepts; anyone else reads the fallback language (English).
 */
describe('texts from configuration in the reader’s language (browser e2e)', () => {
  let cycleId: string;
  let taskId: string;
  const german = 'lena.fischer@test.example.org';
  let germanToken: string;

  const web = browserSuite({
    msPerDay: 1000,
    env: { PUBLIC_URL: 'https://pact.test' },
    setUp: async () => {
      const user = await web.h.http
        .post('/api/users')
        .send({ name: 'Lena Fischer', email: german, roles: ['chair'], groupKeys: ['education'], language: 'de', timeZone: 'Europe/Berlin' })
        .expect(201);
      germanToken = (await web.h.http.post(`/api/users/${user.body.id}/tokens`).send({ name: 'test' }).expect(201)).body.token;
      // The harness's short cycle names its milestone as the programme does ("Implementation report"):
      // the cycle keeps every language of that title.
      const cycle = await web.h.http
        .post('/api/cycles')
        .send(
          shortCycle(web.h, {
            name: 'Sprachen',
            groups: ['education', 'sport'],
            requestInDays: 0.001,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
            reminders: [],
          }),
        )
        .expect(201);
      cycleId = cycle.body.id;
      await web.h.waitFor('requested', async () => (await web.h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
      taskId = (await web.h.http.get(`/api/cycles/${cycleId}/tasks`)).body.find((t: { groupKey: string }) => t.groupKey === 'education').id;
    },
  });
  const { sink, pages } = web;

  it('the JSON API answers in the language its caller accepts, and says which', async () => {
    const names = async (accept?: string) => {
      const req = web.h.http.get('/api/working-groups');
      const res = await (accept ? req.set('Accept-Language', accept) : req).expect(200);
      const education = res.body.find((g: { key: string }) => g.key === 'education');
      return { language: res.headers['content-language'], name: education.fieldOfAction, goal: education.goal };
    };
    expect(await names('de-DE,de;q=0.9,en;q=0.5')).toMatchObject({
      language: 'de',
      name: 'Integration durch Bildung',
      goal: expect.stringMatching(/^Jedem Kind und jedem jungen Menschen/),
    });
    expect(await names('fr')).toMatchObject({ language: 'fr', name: 'Intégration par l’éducation'.replace('’', "'") });
    // No preference, or only languages the programme does not have its own wording in: English.
    expect(await names()).toMatchObject({ language: 'en', name: 'Integration through education' });
    expect(await names('it')).toMatchObject({ language: 'en', name: 'Integration through education' });
    const cycle = (await web.h.http.get(`/api/cycles/${cycleId}`).set('Accept-Language', 'de').expect(200)).body;
    expect(cycle.milestones[0].title).toBe('Umsetzungsbericht');
  });

  it('the German chair’s e-mail names the group and the report in German', async () => {
    await web.h.waitFor('the request e-mail', async () => sink.to('chair.education@pact.example.eu').length > 0);
    const mail = sink.to('chair.education@pact.example.eu')[0];
    expect(`${mail.subject}\n${mail.text}`).toContain('Umsetzungsbericht');
    expect(mail.text).toContain('Integration durch Bildung');
    expect(mail.text).not.toContain('Integration through education');
  });

  it('the task page and the report form read in German, with the German group, goal and indicators', async () => {
    const page = await pages.newPage({ locale: 'de-DE' });
    await web.signIn(page, german, `/tasks/${taskId}`);
    await page.goto(`${web.base}/tasks/${taskId}`);
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(await page.locator('h1').innerText()).toContain('Umsetzungsbericht');
    expect(main).toContain('Integration durch Bildung');
    expect(main).toContain('Jedem Kind und jedem jungen Menschen');
    expect(main).not.toMatch(/Integration through education|Implementation report|\[object Object\]/);
    await checkPage(page, 'languages-task-de');

    await page.goto(`${web.base}/tasks/${taskId}/report`);
    const form = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(form).toContain('Frühe Schulabgänger mit Migrationshintergrund');
    expect(form).toContain('Schülerinnen und Schüler in Sprachförderkursen');
    expect(form).not.toMatch(/Early school leavers|\[object Object\]/);
    await checkPage(page, 'languages-report-form-de');
  });

  it('the calendar feed reads in its owner’s language', async () => {
    const issued = (await web.h.agent(germanToken).post('/api/me/calendar').expect(201)).body;
    const feed = (await web.h.agent().get(new URL(issued.url).pathname).expect(200)).text.replace(/\r\n /g, '');
    expect(feed).toContain('SUMMARY:Umsetzungsbericht — Integration durch Bildung');
    expect(feed).toContain('Bericht „Umsetzungsbericht“ der Arbeitsgruppe „Integration durch Bildung“');
    expect(feed).toContain('X-WR-CALNAME:Europäischer Integrationspakt: Lena Fischer');
  });

  it('the compiled report reads in the reader’s language in every format; its pages in German for the German chair', async () => {
    // Education reports its predefined indicators, one with its unit as the German chair writes it.
    const indicators = [
      { key: 'early-school-leavers', unit: '%', baseline: 14.2, target: 10, actual: 12.9 },
      { key: 'language-courses', unit: 'Schülerinnen und Schüler', baseline: 100, target: 300, actual: 250 },
    ];
    for (const group of ['education', 'sport']) {
      const t = (await web.h.http.get(`/api/cycles/${cycleId}/tasks`)).body.find((x: { groupKey: string }) => x.groupKey === group);
      const report = group === 'education' ? { ...reportFor(group), indicators } : reportFor(group);
      await (await web.h.chair(group)).post(`/api/tasks/${t.id}/submissions`).send(report).expect(201);
    }
    await web.h.waitFor('the compiled report', async () => (await web.h.http.get(`/api/cycles/${cycleId}/report`)).status === 200, 60_000);
    const read = async (format: string, language: string) =>
      (await web.h.http.get(`/api/cycles/${cycleId}/report?format=${format}`).set('Accept-Language', language).expect(200)).text;
    for (const format of ['markdown', 'html', 'csv']) {
      const de = await read(format, 'de');
      expect({
        format,
        group: de.includes('Integration durch Bildung'),
        milestone: de.includes('Umsetzungsbericht'),
        english: de.includes('Integration through education'),
      }).toEqual({ format, group: true, milestone: format !== 'csv' || de.includes('Umsetzungsbericht'), english: false });
      const fr = await read(format, 'fr');
      expect({ format, group: fr.includes('Intégration par le sport') }).toEqual({ format, group: true });
    }
    const json = (await web.h.http.get(`/api/cycles/${cycleId}/report`).set('Accept-Language', 'de').expect(200)).body;
    const education = json.fields.find((f: { groupKey: string }) => f.groupKey === 'education');
    expect(education.fieldOfAction).toBe('Integration durch Bildung');
    expect(education.indicators.map((i: { name: string; unit: string }) => [i.name, i.unit])).toEqual([
      ['Frühe Schulabgänger mit Migrationshintergrund', '%'],
      ['Schülerinnen und Schüler in Sprachförderkursen', 'Schülerinnen und Schüler'],
    ]);
    // A unit in none of the template's languages is refused, naming the English one.
    const refused = await (
      await web.h.chair('education')
    )
      .post(`/api/tasks/${taskId}/submissions`)
      .send({ ...reportFor('education'), indicators: [{ ...indicators[1], unit: 'Kinder' }] })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('measured in pupils');

    const page = await pages.newPage({ locale: 'de-DE' });
    await web.signIn(page, german, `/cycles/${cycleId}/report`);
    await page.goto(`${web.base}/cycles/${cycleId}/report`);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Integration durch Bildung');
    expect(text).toContain('Umsetzungsbericht');
    expect(text).not.toMatch(/\[object Object\]/);
    await checkPage(page, 'languages-report-de');
  });

  it('the committee’s pages read in the committee member’s language', async () => {
    await web.h.http
      .post('/api/users')
      .send({ name: 'Claire Martin', email: 'claire.martin@test.example.org', roles: ['committee'], language: 'fr' })
      .expect(201);
    const page = await pages.newPage({ locale: 'fr-FR' });
    await web.signIn(page, 'claire.martin@test.example.org', `/cycles/${cycleId}`);
    await page.goto(`${web.base}/cycles/${cycleId}`);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Intégration par le sport');
    expect(text).toContain('Rapport de mise en œuvre');
    expect(text).not.toMatch(/\[object Object\]|Integration through sport/);
    await checkPage(page, 'languages-cycle-fr');
    await page.goto(`${web.base}/working-groups`);
    expect(await page.locator('main').innerText()).toContain('Intégration par l');
  });
});
