import { IdentityService } from '@pact/engine';
import { ObjectId } from 'mongodb';
import { browserSuite } from './support/browser-suite';
import { takingPart } from './support/charter';
import { checkPage } from './support/web';

/**
 * The Charter's committee runs its programme in a real Chromium, with JavaScript off: it picks
 * the Charter on the Cycles page, starts a round of three cities from the start form (prefilled
 * with the survey window, asking for cities), reads the round's ratings so far (cities ×
 * numbered commitments, a decline said across its row), and adds a city (a problem beside its
 * field first). Every page axe clean without sideways scrolling at 360 px.
 */
describe('the Charter’s committee console in a browser (e2e)', () => {
  const committee = 'charter.console@test.example.org';
  const web = browserSuite({
    msPerDay: 2000,
    setUp: async ({ h }) => {
      await h.api
        .get(IdentityService)
        .createUser({ name: 'Charter steering', email: committee, roles: ['committee'], committeeOf: ['pact', 'charter'] }, 'test');
    },
  });
  let cycleId: string;

  it('starts a round of three cities from the form, with JavaScript off', async () => {
    const page = await web.pages.newPage({ javaScriptEnabled: false });
    page.setDefaultTimeout(20_000);
    await web.signIn(page, committee, '/cycles');
    await page.getByRole('link', { name: 'Integrating Cities Charter' }).click();
    await page.getByRole('link', { name: 'Start a cycle' }).click();
    expect(new URL(page.url()).searchParams.get('programme')).toBe('charter');
    expect(await page.locator('h2', { hasText: 'Cities' }).count()).toBe(1);
    await page.getByLabel('Name', { exact: true }).fill('Charter round 2027');
    // Starting today (cycle time), so the cities are asked at once.
    await page.getByLabel('Start date').fill(web.h.daysFromNow(0).toISOString().slice(0, 10));
    // Three cities of the 52 (all are ticked at first).
    const boxes = page.locator('input[name="groups"]');
    expect(await boxes.count()).toBe(52);
    for (const box of await boxes.all()) if (!['berlin', 'nantes', 'munich'].includes((await box.getAttribute('value'))!)) await box.uncheck();
    await page.getByRole('button', { name: /Preview/ }).click();
    await page.getByRole('button', { name: 'Start the cycle' }).click();
    await page.waitForURL(/started=1/);
    cycleId = new URL(page.url()).pathname.split('/').pop()!;
    const stored = await web.h.db.collection('cycles').findOne({ _id: new ObjectId(cycleId) });
    expect(stored!.programme).toBe('charter');
    expect([...stored!.groupKeys].sort()).toEqual(['berlin', 'munich', 'nantes']);
    expect(stored!.questionnaire.key).toBe('charter-self-evaluation');
    expect(stored!.milestones[0].title).toEqual({ en: 'Self-evaluation', de: 'Selbstevaluation', fr: 'Auto-évaluation' });
  }, 180_000);

  it('shows the ratings so far: answers, a decline and a city not heard from', async () => {
    const identity = web.h.api.get(IdentityService);
    const tasks = await web.h.waitFor('the cities asked', async () => {
      const found = await web.h.db.collection('tasks').find({ cycleId }).toArray();
      return found.length === 3 && found;
    });
    for (const [city, answers] of [
      ['berlin', takingPart('partly', { 'communicate-equal-opportunities': 'fully' })],
      ['munich', { 'take-part': false }],
    ] as const) {
      const user = await identity.createUser({ name: city, email: `console.${city}@test.example.org`, roles: ['chair'], groupKeys: [city] }, 'test');
      const agent = web.h.agent((await identity.issueToken(user.id, 'test', 30, 'test')).token);
      const task = tasks.find((t) => t.groupKey === city)!;
      await agent
        .post(`/api/tasks/${String(task._id)}/answers`)
        .send({ answers })
        .expect(201);
    }
    const page = await web.pages.newPage({ javaScriptEnabled: false });
    page.setDefaultTimeout(20_000);
    await web.signIn(page, committee, `/cycles/${cycleId}`);
    const rows = page.locator('table[data-ratings] tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await page.locator('tr[data-participant="berlin"] td').first().textContent()).toBe('Fully');
    expect(await page.locator('tr[data-participant="munich"] td').textContent()).toBe('Declined to take part in this round');
    expect(await page.locator('tr[data-participant="nantes"] td').textContent()).toBe('No answers yet');
    expect(await page.locator('ol.commitment-key li').count()).toBe(11);
    const axe = await web.pages.newPage();
    await web.signIn(axe, committee, `/cycles/${cycleId}`);
    await checkPage(axe, 'charter-round');
  }, 180_000);

  it('adds a city: a problem beside its field first, then the city in the list', async () => {
    const page = await web.pages.newPage({ javaScriptEnabled: false });
    page.setDefaultTimeout(20_000);
    await web.signIn(page, committee, '/working-groups?programme=charter');
    await page.getByRole('link', { name: 'Add a city' }).click();
    await page.getByLabel('Name of the city').fill('Reykjavik');
    await page.getByLabel('Short key').fill('Reykjavik');
    await page.getByLabel('Country').fill('IS');
    await page.getByLabel('Name', { exact: true }).fill('Anna Jónsdóttir');
    await page.getByLabel('E-mail address').fill('anna@reykjavik.example.is');
    await page.getByRole('button', { name: 'Add a city' }).click();
    expect(await page.locator('.error-summary a[href="#key"]').count()).toBe(1);
    expect(await page.locator('#key-error').textContent()).toContain('lower-case letters');
    await page.getByLabel('Short key').fill('reykjavik');
    await page.getByRole('button', { name: 'Add a city' }).click();
    await page.waitForURL(/added=reykjavik/);
    expect(await page.locator('[data-added="reykjavik"]').textContent()).toContain('Reykjavik is added');
    expect(await web.h.db.collection('working_groups').countDocuments({ key: 'reykjavik', programme: 'charter' })).toBe(1);
    const axe = await web.pages.newPage();
    await web.signIn(axe, committee, '/working-groups/new?programme=charter');
    await checkPage(axe, 'add-city');
    await axe.goto(`${web.base}/cycles/new?programme=charter`);
    await checkPage(axe, 'start-charter-round');
  }, 180_000);
});
