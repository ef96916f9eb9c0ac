import { browserSuite } from './support/browser-suite';
import { checkPage, screenshots, signInOverHttp } from './support/web';

/**
 * Editing, disabling and enabling a person on the People pages, in a real Chromium: in English
 * with JavaScript on (errors beside the fields and in the summary), in German and French with
 * JavaScript off (the forms work as plain forms). Every page is checked with axe-core (0 serious
 * or critical) and for sideways scrolling at 360 px.
 */
describe('people accounts in a browser (e2e)', () => {
  const committee = 'committee@test.example.org';
  const users = async () => (await web.h.http.get('/api/users').expect(200)).body as any[];
  const add = async (name: string, email: string) =>
    (
      await web.h.http
        .post('/api/users')
        .send({ name, email, roles: ['operator'] })
        .expect(201)
    ).body.id as string;

  const web = browserSuite({ msPerDay: 1000 });
  const { sink, pages } = web;

  it('the committee edits a person (errors beside the fields), then disables them: their session ends at once', async () => {
    const id = await add('Olaf Berg', 'olaf.berg@test.example.org');
    const olaf = await signInOverHttp(web.h, sink, 'olaf.berg@test.example.org', '/people');
    await olaf.get('/people').expect(200);

    const page = await pages.newPage({ locale: 'en-GB' });
    await web.signIn(page, committee, '/people');
    expect(await page.locator(`tr[data-person="olaf.berg@test.example.org"] td[data-state]`).innerText()).toBe('Active');
    await checkPage(page, 'en-people-states');
    await page.getByRole('link', { name: 'Edit Olaf Berg' }).click();
    await page.waitForURL(`${web.base}/people/${id}/edit`);
    expect(await page.locator('h1').innerText()).toBe('Edit Olaf Berg');
    await checkPage(page, 'en-person-edit');

    await page.fill('#name', '');
    await page.getByLabel('Operator', { exact: true }).uncheck();
    await page.getByLabel('Chair', { exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#name-error').waitFor();
    expect(await page.locator('#name-error').innerText()).toContain("Enter the person's name");
    expect(await page.locator('.error-summary').innerText()).toContain("Enter the person's name");
    await checkPage(page, 'en-person-edit-errors');
    await page.fill('#name', 'Olaf Berg-Lund');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#groupKeys-error').waitFor();
    expect(await page.locator('.error-summary').innerText()).toContain('Choose the working groups this chair acts for');
    expect((await users()).find((u) => u.id === id)).toMatchObject({ name: 'Olaf Berg', roles: ['operator'] });
    await page.getByLabel('Sport', { exact: false }).first().check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`${web.base}/people?changed=${id}`);
    expect(await page.locator('.notice').innerText()).toContain('Olaf Berg-Lund: saved.');
    expect((await users()).find((u) => u.id === id)).toMatchObject({ name: 'Olaf Berg-Lund', roles: ['chair'], groupKeys: ['sport'] });

    await page.getByRole('link', { name: 'Disable Olaf Berg-Lund' }).click();
    await page.waitForURL(`${web.base}/people/${id}/disable`);
    await checkPage(page, 'en-person-disable');
    await page.getByRole('button', { name: 'Disable this person' }).click();
    await page.waitForURL(`${web.base}/people?changed=${id}`);
    expect(await page.locator(`tr[data-person="olaf.berg@test.example.org"] td[data-state]`).innerText()).toContain('Cannot sign in (disabled)');
    await checkPage(page, 'en-people-disabled');
    // Olaf's own session stops at once.
    const refused = await olaf.get('/people');
    expect(refused.status).not.toBe(200);
    expect(refused.headers.location ?? '').toContain('/sign-in');

    // Disabling oneself is refused beside the button.
    const me = (await users()).find((u) => u.email === committee);
    await page.goto(`${web.base}/people/${me.id}/disable`);
    await page.getByRole('button', { name: 'Disable this person' }).click();
    await page.locator('#confirm-error').waitFor();
    expect(await page.locator('.error-summary').innerText()).toContain('You cannot disable yourself');
    await checkPage(page, 'en-person-disable-self');
    expect((await users()).find((u) => u.id === me.id).disabledAt).toBeUndefined();
  }, 120_000);

  it('with JavaScript off, in German and French: edit, disable and enable as plain forms', async () => {
    const id = await add('Greta Klein', 'greta.klein@test.example.org');
    const de = await pages.newPage({ locale: 'de-DE', javaScriptEnabled: false });
    de.setDefaultTimeout(20_000);
    await web.signIn(de, committee, `/people/${id}/edit`);
    expect(await de.locator('h1').innerText()).toBe('Greta Klein bearbeiten');
    await de.selectOption('#language', 'de');
    await de.selectOption('#timeZone', 'Europe/Berlin');
    await de.getByRole('button', { name: 'Änderungen speichern' }).click();
    await de.waitForURL(`${web.base}/people?changed=${id}`);
    expect(await de.locator('.notice').innerText()).toContain('Greta Klein: gespeichert.');
    await screenshots(de, 'de-no-js-people-changed');
    expect((await users()).find((u) => u.id === id)).toMatchObject({ language: 'de', timeZone: 'Europe/Berlin' });
    const [event] = await web.h.db.collection('events').find({ type: 'user.updated', 'data.userId': id }).toArray();
    expect(Object.keys(event.data.changes).sort()).toEqual(['language', 'timeZone']);

    // axe needs JavaScript: the same pages are checked in a German and a French page with it on.
    const deChecked = await pages.newPage({ locale: 'de-DE' });
    await web.signIn(deChecked, committee, `/people/${id}/edit`);
    await checkPage(deChecked, 'de-person-edit');
    await deChecked.goto(`${web.base}/people/${id}/disable`);
    await checkPage(deChecked, 'de-person-disable');

    await de.goto(`${web.base}/people/${id}/disable`);
    await screenshots(de, 'de-no-js-person-disable');
    await de.getByRole('button', { name: 'Diese Person sperren' }).click();
    await de.waitForURL(`${web.base}/people?changed=${id}`);
    expect(await de.locator('.notice').innerText()).toContain('Greta Klein ist gesperrt');

    const fr = await pages.newPage({ locale: 'fr-FR', javaScriptEnabled: false });
    fr.setDefaultTimeout(20_000);
    await web.signIn(fr, committee, '/people');
    await fr.getByRole('link', { name: 'Réactiver Greta Klein' }).click();
    await fr.waitForURL(`${web.base}/people/${id}/enable`);
    expect(await fr.locator('h1').innerText()).toBe('Réactiver Greta Klein ?');
    const frChecked = await pages.newPage({ locale: 'fr-FR' });
    await web.signIn(frChecked, committee, `/people/${id}/enable`);
    await checkPage(frChecked, 'fr-person-enable');
    await frChecked.goto(`${web.base}/people`);
    await checkPage(frChecked, 'fr-people');
    await fr.getByRole('button', { name: 'Réactiver cette personne' }).click();
    await fr.waitForURL(`${web.base}/people?changed=${id}`);
    expect(await fr.locator('tr[data-person="greta.klein@test.example.org"] td[data-state]').innerText()).toBe('Actif');
    await screenshots(fr, 'fr-no-js-people-enabled');
    expect((await users()).find((u) => u.id === id).disabledAt).toBeUndefined();
  }, 120_000);
});
