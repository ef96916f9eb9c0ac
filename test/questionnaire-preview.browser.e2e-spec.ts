import type { Page } from 'playwright-core';
import { browserSuite } from './support/browser-suite';
import { checkPage } from './support/web';

const FIRST = 'communicate-equal-opportunities';

/**
 * The committee's preview of the Charter's questionnaire, in French, in a real Chromium with
 * JavaScript off: from the navigation to the questionnaire, "take part: yes" and Continue bring
 * up the commitments, an incomplete check shows each error beside its field and in the summary,
 * and nothing is stored. Every page is checked with axe-core (0 serious or critical) and at 360 px.
 */
describe("the Charter's questionnaire previewed in French, JavaScript off, in a browser (e2e)", () => {
  const committee = 'claire.martin@test.example.org';
  const web = browserSuite({
    msPerDay: 1000,
    // A committee member who reads French.
    setUp: async () => {
      await web.h.http
        .post('/api/users')
        .send({ name: 'Claire Martin', email: committee, roles: ['committee'], language: 'fr', timeZone: 'Europe/Paris' })
        .expect(201);
    },
  });
  const { pages } = web;

  /**
   * The committee's way through the preview; `check` runs axe and the 360 px check on each page
   * (axe runs inside the page, so only where JavaScript is on).
   */
  const walk = async (page: Page, check: (page: Page, name: string) => Promise<void>) => {
    page.setDefaultTimeout(15_000);
    await web.signIn(page, committee, '/cycles');
    await page.locator('nav').getByRole('link', { name: 'Questionnaires' }).click();
    await page.waitForURL(`${web.base}/questionnaires`);
    await check(page, 'fr-questionnaires');
    await page.getByRole('link', { name: 'Charte Integrating Cities : auto-évaluation' }).click();
    await page.waitForURL(`${web.base}/questionnaires/charter-self-evaluation`);
    expect(await page.locator('h1').textContent()).toBe('Charte Integrating Cities : auto-évaluation');
    // Every section's title, the questions after the first shown only once the city takes part.
    expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Participation', 'Décideurs politiques', 'Bonnes pratiques']));
    expect(await page.locator(`input[name="${FIRST}"]`).count()).toBe(0);
    await check(page, 'fr-questionnaire');

    await page.getByRole('group', { name: 'Votre ville participe-t-elle à cette édition ?' }).getByLabel('Oui').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.locator(`input[name="${FIRST}"]`).first().waitFor();
    expect(await page.locator(`input[name="${FIRST}"]`).count()).toBe(4);
    expect(await page.locator('#take-part').isChecked()).toBe(true);
    expect(await page.locator('.error-summary').count()).toBe(0);
    await check(page, 'fr-questionnaire-taking-part');

    await page.locator(`#${FIRST}-partly`).check();
    await page.getByRole('button', { name: 'Vérifier les réponses' }).click();
    await page.locator('.error-summary').waitFor();
    // The rating brought up its measures, which are now asked for beside their field and in the summary.
    expect(await page.locator(`#${FIRST}-measures-error`).innerText()).toContain('Saisissez une réponse à « Décrivez les mesures prises par votre ville »');
    expect(await page.locator('#equal-access-non-discrimination-error').innerText()).toContain('Choisissez une réponse à');
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Saisissez une réponse à « Décrivez les mesures prises par votre ville »');
    expect(await page.locator(`.error-summary a[href="#${FIRST}-measures"]`).count()).toBe(1);
    expect(await page.title()).toMatch(/^Erreur/);
    expect(await page.locator(`#${FIRST}-partly`).isChecked()).toBe(true);
    await check(page, 'fr-questionnaire-errors');
  };

  it('the committee opens it, takes part, gets the commitments, and sees what an incomplete form is told, JavaScript off', async () => {
    await walk(await pages.newPage({ locale: 'fr-FR', javaScriptEnabled: false }), async () => undefined);
  }, 120_000);

  it('the same pages pass axe and fit 360 px', async () => {
    await walk(await pages.newPage({ locale: 'fr-FR' }), checkPage);
  }, 120_000);
});
