import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Questionnaire } from '@pact/domain';
import { CycleService, DraftChangedError, DraftService, InvalidError, SubmissionService, TaskQuery, WorkingGroupService } from '@pact/engine';
import { aCycle, aRevision, aTask, IDS } from '@pact/engine/testing/fixtures';
import { parse } from 'yaml';
import { aChair, appWithPages, elementById, PagesApp, textOf } from '../testing/app-with-pages';
import { aGroup } from '../testing/page-fixtures';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const charter = parse(readFileSync(join(ROOT, 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8')) as Questionnaire;
const FIRST = 'communicate-equal-opportunities';
const SAVED_AT = new Date('2030-02-15T08:00:00Z');
const form = `/tasks/${IDS.task}/answers`;
const round = () =>
  aCycle({
    name: 'Charte 2030',
    programme: 'charter',
    template: undefined,
    questionnaire: charter,
    milestones: [
      {
        key: 'survey',
        title: { en: 'Self-evaluation', de: 'Selbstevaluation', fr: 'Auto-évaluation' },
        kind: 'final',
        requestAt: new Date('2030-01-01T00:00:00Z'),
        dueAt: new Date('2030-05-01T00:00:00Z'),
        compileAt: new Date('2030-06-01T00:00:00Z'),
      },
    ],
  });

describe('A coordinator’s self-evaluation (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages({ now: new Date('2030-02-15T09:00:00Z') });
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aChair('lyon', { language: 'fr' }));
    pages.double(TaskQuery).visible.mockResolvedValue(aTask({ groupKey: 'lyon', programme: 'charter', milestoneKey: 'survey' }));
    pages.double(CycleService).get.mockResolvedValue(round());
    pages.double(WorkingGroupService).get.mockResolvedValue(aGroup('lyon', { programme: 'charter', fieldOfAction: 'Lyon' }));
    pages.double(SubmissionService).revisions.mockResolvedValue([]);
    pages.double(DraftService).get.mockResolvedValue(null);
    pages
      .double(DraftService)
      .saveAnswersTo.mockImplementation(async (_target, answers) => ({ answers, content: null, version: 4, savedAt: SAVED_AT }) as never);
  });

  it('shows the round’s questionnaire in the reader’s language, with the draft’s answers and the questions they bring up', async () => {
    pages
      .double(DraftService)
      .get.mockResolvedValue({ content: null, answers: { 'take-part': true, [FIRST]: 'partly' }, version: 3, savedAt: SAVED_AT } as never);
    const res = await pages.get(`${form}?saved=1`).expect(200);
    expect(res.text).toMatch(/id="take-part" name="take-part" type="radio" value="yes" checked/);
    expect(res.text).toMatch(new RegExp(`name="${FIRST}" type="radio" value="partly" checked`));
    expect(res.text).toContain('name="draftVersion" value="3"');
    expect(res.text).toContain('name="_csrf"');
    // No inline script (the page works without any).
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    // The follow-up question of the rated commitment, its commitment in its accessible name.
    expect(res.text).toContain(
      'Décrivez les mesures prises par votre ville<span class="visually-hidden"> (Communiquer activement notre engagement en faveur de l&#39;égalité des chances pour toutes les personnes qui vivent dans la ville)</span></label>',
    );
    const text = textOf(res.text);
    expect(text).toContain('Votre auto-évaluation');
    expect(text).toContain('Décideurs politiques');
    expect(text).toContain('Pleinement');
  });

  it('"save draft" saves the answers as typed on the task and cycle read once, and comes back saying so', async () => {
    await pages
      .post(form, { action: 'save', draftVersion: '3', 'take-part': 'yes', [FIRST]: 'partly', [`${FIRST}-measures`]: '' })
      .expect(303)
      .expect('Location', `${form}?saved=1`);
    const [target, answers, version, actor] = pages.double(DraftService).saveAnswersTo.mock.calls[0];
    expect(target).toEqual({ task: expect.objectContaining({ id: IDS.task }), cycle: expect.objectContaining({ id: IDS.cycle }) });
    expect(answers).toEqual({ 'take-part': true, [FIRST]: 'partly' });
    expect(version).toBe(3);
    expect(actor).toBe('chair:anna.weber@example.org');
    expect(pages.double(TaskQuery).visible).toHaveBeenCalledTimes(1);
  });

  it('"continue" saves and shows the form again at the first question the answers bring up', async () => {
    await pages.post(form, { action: 'continue', draftVersion: '0', 'take-part': 'yes' }).expect(303).expect('Location', `${form}#${FIRST}`);
    expect(pages.double(DraftService).saveAnswersTo).toHaveBeenCalledTimes(1);
  });

  it('"check" with problems: each in French beside its field and in the summary, the commitment named', async () => {
    const res = await pages.post(form, { action: 'check', draftVersion: '3', 'take-part': 'yes', [FIRST]: 'partly' }).expect(400);
    const summary = res.text.slice(res.text.indexOf('class="error-summary"')).split('</ul>')[0];
    expect(textOf(summary)).toContain('Il y a un problème');
    expect(summary).toContain(`<a href="#${FIRST}-measures">`);
    expect(textOf(summary)).toContain('pour « Communiquer activement');
    expect(summary).toContain('<a href="#equal-access-non-discrimination">');
    expect(elementById(res.text, `${FIRST}-measures-error`)).toBeDefined();
    expect(res.text).toContain('name="draftVersion" value="4"');
  });

  it('declining is one path: "no" and check go to the check page, which lists only that', async () => {
    await pages.post(form, { action: 'check', draftVersion: '0', 'take-part': 'no' }).expect(303).expect('Location', `${form}/check`);
    pages.double(DraftService).get.mockResolvedValue({ content: null, answers: { 'take-part': false }, version: 4, savedAt: SAVED_AT } as never);
    const res = await pages.get(`${form}/check`).expect(200);
    const text = textOf(res.text);
    expect(text).toContain('Votre ville participe-t-elle à cette édition ? Non');
    expect(text).not.toContain('Décideurs politiques');
    expect(res.text).toContain(`action="/tasks/${IDS.task}/answers/submit"`);
    expect(res.text).toContain('name="draftVersion" value="4"');
    expect(res.text).toContain(`href="/tasks/${IDS.task}/answers#take-part"`);
  });

  it('submits the draft checked: the answers go to submitAnswersTo, the draft is cleared, the confirmation follows', async () => {
    const answers = { 'take-part': true, [FIRST]: 'fully' };
    pages.double(DraftService).get.mockResolvedValue({ content: null, answers, version: 4, savedAt: SAVED_AT } as never);
    const task = aTask({ groupKey: 'lyon', latestRevision: 1 });
    pages.double(SubmissionService).submitAnswersTo.mockResolvedValue({ submission: aRevision(1, { content: undefined, answers }), task } as never);
    await pages.post(`${form}/submit`, { draftVersion: '4' }).expect(303).expect('Location', `/tasks/${IDS.task}/submitted?revision=1`);
    expect(pages.double(SubmissionService).submitAnswersTo.mock.calls[0][1]).toEqual(answers);
    expect(pages.double(DraftService).clear).toHaveBeenCalledWith(task, 4, expect.any(String));
  });

  it('a submission the engine refuses stores nothing: the form with each problem beside its field', async () => {
    pages.double(DraftService).get.mockResolvedValue({ content: null, answers: { 'take-part': true }, version: 4, savedAt: SAVED_AT } as never);
    pages
      .double(SubmissionService)
      .submitAnswersTo.mockRejectedValue(
        new InvalidError([{ path: `answers.${FIRST}`, rule: 'required', message: 'is required', params: { missing: true } } as never]),
      );
    const res = await pages.post(`${form}/submit`, { draftVersion: '4' }).expect(400);
    expect(res.text).toContain(`<a href="#${FIRST}">`);
    expect(pages.double(DraftService).clear).not.toHaveBeenCalled();
  });

  it('a draft changed since it was checked is not submitted: the check page again, with a warning', async () => {
    pages.double(DraftService).get.mockResolvedValue({ content: null, answers: { 'take-part': false }, version: 5, savedAt: SAVED_AT } as never);
    const res = await pages.post(`${form}/submit`, { draftVersion: '4' }).expect(409);
    expect(res.text).toContain('name="draftVersion" value="5"');
    expect(pages.double(SubmissionService).submitAnswersTo).not.toHaveBeenCalled();
  });

  it('a draft saved elsewhere meanwhile is not overwritten: the answers as sent, with the version now stored', async () => {
    pages.double(DraftService).saveAnswersTo.mockRejectedValue(new DraftChangedError({ version: 7 } as never));
    const res = await pages.post(form, { action: 'save', draftVersion: '3', 'take-part': 'no' }).expect(409);
    expect(res.text).toContain('name="draftVersion" value="7"');
    expect(res.text).toMatch(/id="take-part-no" name="take-part" type="radio" value="no" checked/);
  });

  it('a report round’s task goes to its report form; a round’s task to its answers', async () => {
    pages.double(CycleService).get.mockResolvedValue(aCycle());
    await pages.get(form).expect(303).expect('Location', `/tasks/${IDS.task}/report`);
    pages.double(CycleService).get.mockResolvedValue(round());
    await pages.get(`/tasks/${IDS.task}/report`).expect(303).expect('Location', form);
  });

  it('the task page links to the self-evaluation and lists each revision’s changed answers by question', async () => {
    pages.double(DraftService).sources.mockResolvedValue({});
    pages
      .double(SubmissionService)
      .revisions.mockResolvedValue([
        aRevision(1, { content: undefined, answers: { 'take-part': true, [FIRST]: 'partly' } }),
        aRevision(2, { content: undefined, answers: { 'take-part': true, [FIRST]: 'fully' } }),
      ]);
    const res = await pages.get(`/tasks/${IDS.task}`).expect(200);
    expect(res.text).toContain(`href="/tasks/${IDS.task}/answers"`);
    // More time is asked for as a chair asks for it.
    expect(res.text).toContain(`href="/tasks/${IDS.task}/extension"`);
    const second = textOf(elementById(res.text, 'revision-2') ?? '');
    expect(second).toContain('Réponses modifiées');
    expect(second).toContain('Communiquer activement');
    expect(second).not.toContain('Votre ville participe');
  });
});
