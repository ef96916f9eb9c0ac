import { Questionnaire } from '@pact/domain';
import { NotFoundError, QuestionnaireCatalog } from '@pact/engine';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';

const charter = parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8'),
) as Questionnaire;
const URL = '/questionnaires/charter-self-evaluation';
const FIRST = 'communicate-equal-opportunities';

describe('Questionnaire preview (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
    pages.double(QuestionnaireCatalog).list.mockReturnValue([charter]);
    pages.double(QuestionnaireCatalog).get.mockImplementation((key: string) => {
      if (key !== charter.key) throw new NotFoundError(`no questionnaire "${key}"`);
      return charter;
    });
  });

  it('lists the questionnaires, linked from the committee’s navigation', async () => {
    const res = await pages.get('/questionnaires').expect(200);
    expect(res.text).toContain(`href="${URL}"`);
    expect(res.text).toMatch(/<a[^>]*href="\/questionnaires"[^>]*>Questionnaires<\/a>/);
  });

  it('shows every section in the reader’s language, at first only whether the city takes part', async () => {
    pages.signIn(aPerson({ language: 'fr' }));
    const res = await pages.get(URL).expect(200);
    expect(pages.double(QuestionnaireCatalog).get).toHaveBeenCalledWith('charter-self-evaluation');
    const text = textOf(res.text);
    expect(text).toContain('Charte Integrating Cities : auto-évaluation');
    for (const s of charter.sections) expect(text).toContain((s.title as { fr: string }).fr);
    expect(res.text).toContain('name="take-part" type="radio" value="yes"');
    expect(res.text).not.toContain(`name="${FIRST}"`);
    expect(res.text).toContain(`name="_csrf" value="${pages.csrfToken()}"`);
  });

  it('Continue shows the questions the answers bring up, without errors', async () => {
    const res = await pages.post(URL, { 'take-part': 'yes', action: 'continue' }).expect(200);
    expect(res.text).toContain(`name="${FIRST}" type="radio" value="fully"`);
    expect(res.text).toMatch(/id="take-part" name="take-part" type="radio" value="yes" checked/);
    expect(res.text).not.toContain('error-summary');
  });

  it('Check answers: 400 with each problem beside its field and in the summary', async () => {
    const res = await pages.post(URL, { 'take-part': 'yes', [FIRST]: 'partly', [`${FIRST}-evidence`]: 'not a link', action: 'check' }).expect(400);
    expect(res.text).toContain('error-summary');
    expect(res.text).toContain(
      `<a href="#${FIRST}-measures">Enter an answer to “Describe the measures your city has taken” for “Actively communicate our commitment to equal opportunities for everyone living in the city”</a>`,
    );
    // The label's accessible name says which commitment (the same visible label is under each of the 11).
    expect(res.text).toContain(
      `Describe the measures your city has taken<span class="visually-hidden"> (Actively communicate our commitment to equal opportunities for everyone living in the city)</span></label>`,
    );
    expect(res.text).toContain(`id="${FIRST}-measures-error"`);
    expect(res.text).toContain(`id="${FIRST}-evidence-error"`);
    expect(res.text).toContain('not a link</textarea>');
    expect(textOf(res.text)).toContain('Error: ');
  });

  it('Check answers with none missing: says they would be accepted', async () => {
    const res = await pages.post(URL, { 'take-part': 'no', action: 'check' }).expect(200);
    expect(textOf(res.text)).toContain('These answers would be accepted. Nothing was stored.');
    expect(res.text).toContain('name="decline-reason"');
  });

  it('refuses a post without the form token, an unknown questionnaire, and a chair', async () => {
    await pages.post(URL, { 'take-part': 'yes' }, { csrf: false }).expect(403);
    await pages.get('/questionnaires/nope').expect(404);
    pages.signIn(aChair());
    await pages.get(URL).expect(403);
  });
});
