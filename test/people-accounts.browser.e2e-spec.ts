import { MailSink } from '../apps/demo/src/delivery-sinks';
import { BrowserPages } from './support/chromium';
import { EngineHarness } from './support/engine-harness';
import { checkPage, screenshots, signInInBrowser, signInOverHttp } from './support/web';

/**
 * Editing, disabling and enabling a person on the People pages, in a real Chromium: in English
 * with JavaScript on (errors beside the fields and in the summary), in German and French with
 * JavaScript off (the forms work as plain forms). Every page is checked with axe-core (0 serious
 * or critical) and for sideways scrolling at 360 px.
 */
describe('people accounts in a browser (e2e)', () => {
  const sink = new MailSink();
  const pages = new BrowserPages();
  let h: EngineHarness;
  let base: string;
  const committee = 'committee@test.example.org';
  const users = async () => (await h.http.get('/api/users').expect(200)).body as any[];
  const add = async (name: string, email: string) =>
    (
      await h.http
        .post('/api/users')
        .send({ name, email, roles: ['operator'] })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    await sink.start();
    h = new EngineHarness({ msPerDay: 1000, env: { ...sink.env() } });
    await h.start();
    base = (await h.api.getUrl()).replace('[::1]', '127.0.0.1');
    await pages.launch();
  }, 120_000);
  afterAll(async () => {
    await pages.close();
    await h?.stop();
    await sink.stop();
  }, 60_000);

  it('the committee edits a person (errors beside the fields), then disables them: their session ends at once', async () => {
    const id = await add('Olaf Berg', 'olaf.berg@test.example.org');
    const olaf = await signInOverHttp(h, sink, 'olaf.berg@test.example.org', '/people');
    await olaf.get('/people').expect(200);

    const page = await pages.newPage({ locale: 'en-GB' });
    await signInInBrowser(page, base, h, sink, committee, '/people');
    expect(await page.locator(`tr[data-person="olaf.berg@test.example.org"] td[data-state]`).innerText()).toBe('Active');
    await checkPage(page, 'en-people-states');
    await page.getByRole('link', { name: 'Edit Olaf Berg' }).click();
    await page.waitForURL(`${base}/people/${id}/edit`);
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
    await page.waitForURL(`${base}/people?changed=${id}`);
    expect(await page.locator('.notice').innerText()).toContain('Olaf Berg-Lund: saved.');
    expect((await users()).find((u) => u.id === id)).toMatchObject({ name: 'Olaf Berg-Lund', roles: ['chair'], groupKeys: ['sport'] });

    await page.getByRole('link', { name: 'Disable Olaf Berg-Lund' }).click();
    await page.waitForURL(`${base}/people/${id}/disable`);
    await checkPage(page, 'en-person-disable');
    await page.getByRole('button', { name: 'Disable this person' }).click();
    await page.waitForURL(`${base}/people?changed=${id}`);
    expect(await page.locator(`tr[data-person="olaf.berg@test.example.org"] td[data-state]`).innerText()).toContain('Cannot sign in (disabled)');
    await checkPage(page, 'en-people-disabled');
    // Olaf's own session stops at once.
    const refused = await olaf.get('/people');
    expect(refused.status).not.toBe(200);
    expect(refused.headers.location ?? '').toContain('/sign-in');

    // Disabling oneself is refused beside the button.
    const me = (await users()).find((u) => u.email === committee);
    await page.goto(`${base}/people/${me.id}/disable`);
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
    await signInInBrowser(de, base, h, sink, committee, `/people/${id}/edit`);
    expect(await de.locator('h1').innerText()).toBe('Greta Klein bearbeiten');
    await de.selectOption('#language', 'de');
    await de.selectOption('#timeZone', 'Europe/Berlin');
    await de.getByRole('button', { name: 'Änderungen speichern' }).click();
    await de.waitForURL(`${base}/people?changed=${id}`);
    expect(await de.locator('.notice').innerText()).toContain('Greta Klein: gespeichert.');
    await screenshots(de, 'de-no-js-people-changed');
    expect((await users()).find((u) => u.id === id)).toMatchObject({ language: 'de', timeZone: 'Europe/Berlin' });
    const [event] = await h.db.collection('events').find({ type: 'user.updated', 'data.userId': id }).toArray();
    expect(Object.keys(event.data.changes).sort()).toEqual(['language', 'timeZone']);

    // axe needs JavaScript: the same pages are checked in a German and a French page with it on.
    const deChecked = await pages.newPage({ locale: 'de-DE' });
    await signInInBrowser(deChecked, base, h, sink, committee, `/people/${id}/edit`);
    await checkPage(deChecked, 'de-person-edit');
    await deChecked.goto(`${base}/people/${id}/disable`);
    await checkPage(deChecked, 'de-person-disable');

    await de.goto(`${base}/people/${id}/disable`);
    await screenshots(de, 'de-no-js-person-disable');
    await de.getByRole('button', { name: 'Diese Person sperren' }).click();
    await de.waitForURL(`${base}/people?changed=${id}`);
    expect(await de.locator('.notice').innerText()).toContain('Greta Klein ist gesperrt');

    const fr = await pages.newPage({ locale: 'fr-FR', javaScriptEnabled: false });
    fr.setDefaultTimeout(20_000);
    await signInInBrowser(fr, base, h, sink, committee, '/people');
    await fr.getByRole('link', { name: 'Réactiver Greta Klein' }).click();
    await fr.waitForURL(`${base}/people/${id}/enable`);
    expect(await fr.locator('h1').innerText()).toBe('Réactiver Greta Klein ?');
    const frChecked = await pages.newPage({ locale: 'fr-FR' });
    await signInInBrowser(frChecked, base, h, sink, committee, `/people/${id}/enable`);
    await checkPage(frChecked, 'fr-person-enable');
    await frChecked.goto(`${base}/people`);
    await checkPage(frChecked, 'fr-people');
    await fr.getByRole('button', { name: 'Réactiver cette personne' }).click();
    await fr.waitForURL(`${base}/people?changed=${id}`);
    expect(await fr.locator('tr[data-person="greta.klein@test.example.org"] td[data-state]').innerText()).toBe('Actif');
    await screenshots(fr, 'fr-no-js-people-enabled');
    expect((await users()).find((u) => u.id === id).disabledAt).toBeUndefined();
  }, 120_000);
});
