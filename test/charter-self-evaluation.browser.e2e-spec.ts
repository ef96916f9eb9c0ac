import { CHARTER_COMMITMENTS } from '@pact/domain/testing/charter-scheme';
import { IdentityService } from '@pact/engine';
import type { Page } from 'playwright-core';
import { browserSuite } from './support/browser-suite';
import { checkPage } from './support/web';

const COMMITMENTS = CHARTER_COMMITMENTS;
const FIRST = COMMITMENTS[0];

/**
 * A Charter city's coordinator's whole self-evaluation in a real Chromium, in French, with
 * JavaScript off and a 360 px wide window: sign in, My tasks, the round's task, take part,
 * Continue brings up the 11 commitments, a check with a commitment's measures missing (the error
 * summary in French, naming the commitment), the measures written, the draft saved (stored),
 * check your answers, submit, revision 1 on the task page. A second coordinator declines: "no",
 * check, submit. The same walk with JavaScript on checks every page with axe-core (0 serious or
 * critical: axe runs inside the page) and for sideways scrolling at 360 px, on two other cities.
 */
describe("a Charter city's self-evaluation in French, JavaScript off, in a browser (e2e)", () => {
  const cities = { nojs: ['nantes', 'montpellier'], axe: ['brussels', 'grenoble-alpes-metropole'] } as const;
  const coordinator = (city: string) => `coordinator.${city}@test.example.org`;
  const taskOf: Record<string, string> = {};
  const web = browserSuite({
    msPerDay: 1000,
    setUp: async () => {
      const identity = web.h.api.get(IdentityService);
      const member = await identity.createUser(
        { name: 'Charter committee', email: 'charter.committee@test.example.org', roles: ['committee'], committeeOf: ['charter'] },
        'test',
      );
      const committee = web.h.agent((await identity.issueToken(member.id, 'test', 30, 'test')).token);
      const all = [...cities.nojs, ...cities.axe];
      for (const city of all) {
        await identity.createUser(
          { name: `Coordination ${city}`, email: coordinator(city), roles: ['chair'], groupKeys: [city], language: 'fr', timeZone: 'Europe/Paris' },
          'test',
        );
      }
      const start = web.h.daysFromNow(0.01);
      const at = (days: number) => new Date(start.getTime() + days * 86_400_000).toISOString();
      const cycle = (
        await committee
          .post('/api/cycles')
          .send({
            programme: 'charter',
            name: 'Charte 2030',
            start: start.toISOString(),
            groups: all,
            milestones: [{ key: 'survey', title: 'Self-evaluation', kind: 'final', requestAt: at(0), dueAt: at(300), compileAt: at(400) }],
          })
          .expect(201)
      ).body;
      const tasks = await web.h.waitFor('tasks', async () => {
        const r = (await committee.get(`/api/cycles/${cycle.id}/tasks`)).body;
        return Array.isArray(r) && r.length === all.length && r;
      });
      for (const t of tasks) taskOf[t.groupKey] = t.id;
    },
  });
  const { pages } = web;

  const openTask = async (page: Page, city: string) => {
    await web.signIn(page, coordinator(city), '/my-tasks');
    expect(await page.locator('h1').textContent()).toBe('Mes tâches');
    await page.locator(`main a[href="/tasks/${taskOf[city]}"]`).first().click();
    await page.waitForURL(`${web.base}/tasks/${taskOf[city]}`);
  };

  /** The coordinator who takes part; `check` runs axe and the 360 px check on each page where JavaScript runs. */
  const takePart = async (page: Page, city: string, check: (page: Page, name: string) => Promise<void>) => {
    page.setDefaultTimeout(15_000);
    await openTask(page, city);
    await check(page, 'fr-charter-task');
    await page.getByRole('link', { name: 'Commencer votre auto-évaluation' }).click();
    await page.waitForURL(`${web.base}/tasks/${taskOf[city]}/answers`);
    expect(await page.locator('h1').textContent()).toBe('Votre auto-évaluation');
    expect(await page.locator(`input[name="${FIRST}"]`).count()).toBe(0);
    await check(page, 'fr-charter-form');

    await page.getByRole('group', { name: 'Votre ville participe-t-elle à cette édition ?' }).getByLabel('Oui').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.locator(`input[name="${FIRST}"]`).first().waitFor();
    for (const c of COMMITMENTS) await page.locator(c === FIRST ? `#${c}-partly` : `#${c}-not-applicable`).check();
    await page.getByRole('button', { name: 'Vérifier vos réponses' }).click();
    await page.locator('.error-summary').waitFor();
    // The commitment rated "partly" asks for its measures: in French, beside the field and in the summary, naming the commitment.
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Il y a un problème');
    expect(summary).toContain('Saisissez une réponse à « Décrivez les mesures prises par votre ville » pour « Communiquer activement');
    expect(await page.locator(`.error-summary a[href="#${FIRST}-measures"]`).count()).toBe(1);
    expect(await page.locator(`#${FIRST}-measures-error`).innerText()).toContain('Décrivez les mesures prises par votre ville');
    expect(await page.title()).toMatch(/^Erreur/);
    // Its accessible name says which commitment (the same visible label is under each of the 11).
    expect(await page.getByRole('textbox', { name: /Décrivez les mesures prises par votre ville \(Communiquer activement/ }).count()).toBe(1);
    expect(await page.locator(`#${FIRST}-partly`).isChecked()).toBe(true);
    await check(page, 'fr-charter-form-errors');

    await page.locator(`#${FIRST}-measures`).fill('Une campagne d’affichage et un guide multilingue.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Votre brouillon a été enregistré.').waitFor();
    const draft = await web.h.db.collection('drafts').findOne({ taskId: taskOf[city] });
    expect(draft?.answers).toMatchObject({ 'take-part': true, [FIRST]: 'partly', [`${FIRST}-measures`]: 'Une campagne d’affichage et un guide multilingue.' });

    await page.getByRole('button', { name: 'Vérifier vos réponses' }).click();
    await page.waitForURL(`${web.base}/tasks/${taskOf[city]}/answers/check`);
    expect(await page.locator('h1').textContent()).toBe('Vérifiez vos réponses avant de soumettre');
    const answers = await page.locator('main').innerText();
    expect(answers).toContain('Partiellement');
    expect(answers).toContain('Sans objet');
    expect(answers).toContain('Une campagne d’affichage et un guide multilingue.');
    await check(page, 'fr-charter-check');

    await page.getByRole('button', { name: 'Soumettre les réponses' }).click();
    await page.waitForURL((u) => u.pathname === `/tasks/${taskOf[city]}/submitted`);
    expect(await page.locator('h1').textContent()).toBe('Réponses soumises');
    await check(page, 'fr-charter-submitted');

    await page.getByRole('link', { name: 'Aller à la tâche' }).click();
    await page.waitForURL(`${web.base}/tasks/${taskOf[city]}`);
    const revision = await page.locator('#revision-1').innerText();
    expect(revision).toContain('Version 1');
    expect(revision).toContain('Communiquer activement');
    await check(page, 'fr-charter-revision');
    const stored = await web.h.db.collection('submissions').findOne({ taskId: taskOf[city] });
    expect(stored?.answers).toMatchObject({ 'take-part': true, [FIRST]: 'partly' });
    expect(await web.h.db.collection('drafts').findOne({ taskId: taskOf[city] })).toMatchObject({ answers: null });
  };

  /** The coordinator who declines: one path, "no", check, submit. */
  const decline = async (page: Page, city: string, check: (page: Page, name: string) => Promise<void>) => {
    page.setDefaultTimeout(15_000);
    await openTask(page, city);
    await page.getByRole('link', { name: 'Commencer votre auto-évaluation' }).click();
    await page.getByRole('group', { name: 'Votre ville participe-t-elle à cette édition ?' }).getByLabel('Non').check();
    await page.getByRole('button', { name: 'Vérifier vos réponses' }).click();
    await page.waitForURL(`${web.base}/tasks/${taskOf[city]}/answers/check`);
    const answers = await page.locator('main').innerText();
    expect(answers).toContain('Non');
    expect(answers).not.toContain('Décideurs politiques');
    await check(page, 'fr-charter-decline-check');
    await page.getByRole('button', { name: 'Soumettre les réponses' }).click();
    await page.waitForURL((u) => u.pathname === `/tasks/${taskOf[city]}/submitted`);
    expect(await page.locator('h1').textContent()).toBe('Réponses soumises');
    const stored = await web.h.db.collection('submissions').findOne({ taskId: taskOf[city] });
    expect(stored?.answers).toEqual({ 'take-part': false });
  };

  const noJs = async () => {
    const page = await pages.newPage({ locale: 'fr-FR', javaScriptEnabled: false });
    await page.setViewportSize({ width: 360, height: 800 });
    return page;
  };

  it('a coordinator evaluates the city, with an error first, a draft, a check and a revision; another declines — JavaScript off, 360 px', async () => {
    await takePart(await noJs(), cities.nojs[0], async () => undefined);
    await decline(await noJs(), cities.nojs[1], async () => undefined);
  }, 180_000);

  it('the same pages pass axe and fit 360 px', async () => {
    await takePart(await pages.newPage({ locale: 'fr-FR' }), cities.axe[0], checkPage);
    await decline(await pages.newPage({ locale: 'fr-FR' }), cities.axe[1], checkPage);
  }, 180_000);
});
