import { DEFAULT_LIMITS, emptyDraft, MEASURE_STATUSES } from '@pact/domain';
import { CycleService, DraftChangedError, DraftService, InvalidError, SubmissionService, TaskQuery, WorkingGroupService } from '@pact/engine';
import { aCycle, aTask, IDS } from '@pact/engine/testing/fixtures';
import { aChair, appWithPages, elementById, PagesApp, textOf } from '../testing/app-with-pages';
import { aGroup } from '../testing/page-fixtures';

const template = {
  key: 't',
  name: 'T',
  measureStatuses: MEASURE_STATUSES,
  indicatorsByGroup: { education: [{ key: 'early-school-leavers', name: 'Early school leavers', unit: '%', higherIsBetter: false }] },
  allowCustomIndicators: true,
  limits: DEFAULT_LIMITS,
};
const SAVED_AT = new Date('2030-02-15T08:00:00Z');
const report = `/tasks/${IDS.task}/report`;

describe('The report form (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages({ now: new Date('2030-02-15T09:00:00Z') });
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aChair('education'));
    pages.double(TaskQuery).visible.mockResolvedValue(aTask());
    pages.double(CycleService).get.mockResolvedValue(aCycle({ name: 'Pact 2030', template }));
    pages.double(WorkingGroupService).get.mockResolvedValue(aGroup('education'));
    pages.double(SubmissionService).revisions.mockResolvedValue([]);
    pages.double(DraftService).get.mockResolvedValue(null);
    pages.double(DraftService).saveTo.mockImplementation(async (_target, content) => ({ content, version: 4, savedAt: SAVED_AT }) as never);
  });

  it('shows the template’s fields with the draft’s answers as typed', async () => {
    pages.double(DraftService).get.mockResolvedValue({
      content: { ...emptyDraft(), measures: [{ title: 'Mentoring', status: 'planned', description: '' }], obstacles: ['Rooms'] },
      version: 3,
      savedAt: SAVED_AT,
    } as never);
    const res = await pages.get(`${report}?saved=1`).expect(200);
    expect(res.text).toMatch(/<input[^>]*id="measures-0-title" name="measures-0-title" type="text" value="Mentoring"/);
    expect(res.text).toMatch(/<option value="planned" selected>/);
    expect(res.text).toMatch(/id="indicator-early-school-leavers-baseline" name="indicator-early-school-leavers-baseline"/);
    expect(res.text).toMatch(/<textarea[^>]*id="obstacles-0" name="obstacles-0"[^>]*>Rooms<\/textarea>/);
    expect(res.text).toContain('name="draftVersion" value="3"');
    const text = textOf(res.text);
    expect(text).toContain('Your draft has been saved.');
    expect(text).toContain('Early school leavers (%)');
    expect(text).not.toContain('There is a problem');
  });

  it('"continue" with problems: each error beside its field and in the summary linking to it, the draft saved on the task read once', async () => {
    const res = await pages
      .post(report, {
        action: 'continue',
        draftVersion: '3',
        'measures-0-title': '',
        'measures-0-status': 'planned',
        'indicator-early-school-leavers-baseline': '12',
        'indicator-early-school-leavers-target': 'ten',
        'indicator-early-school-leavers-actual': '11',
      })
      .expect(400);
    expect(textOf(elementById(res.text, 'error-summary-title') ?? '')).toBe('There is a problem');
    const summary = res.text.slice(res.text.indexOf('class="error-summary"')).split('</ul>')[0];
    expect(summary).toContain('<a href="#measures-0-title">Enter the title of measure 1</a>');
    expect(summary).toContain('<a href="#indicator-early-school-leavers-target">Enter the target of Early school leavers as a number, like 12.5</a>');
    expect(textOf(elementById(res.text, 'measures-0-title-error') ?? '')).toBe('Error: Enter the title of measure 1');
    expect(res.text).toMatch(/id="indicator-early-school-leavers-target" name="indicator-early-school-leavers-target"[^>]*value="ten"[^>]*aria-invalid="true"/);
    // Saved before checking: on the task and cycle this request read, no second read.
    expect(pages.double(DraftService).saveTo).toHaveBeenCalledTimes(1);
    const [target, draft, version] = pages.double(DraftService).saveTo.mock.calls[0];
    expect(target).toEqual({ task: expect.objectContaining({ id: IDS.task }), cycle: expect.objectContaining({ id: IDS.cycle }) });
    expect(draft.predefinedIndicators).toEqual([{ key: 'early-school-leavers', baseline: '12', target: 'ten', actual: '11' }]);
    expect(version).toBe(3);
    expect(pages.double(DraftService).save).not.toHaveBeenCalled();
    expect(pages.double(TaskQuery).visible).toHaveBeenCalledTimes(1);
    expect(res.text).toContain('name="draftVersion" value="4"');
  });

  it('"continue" with a complete report goes to check the answers', async () => {
    await pages
      .post(report, { action: 'continue', draftVersion: '3', 'measures-0-title': 'Mentoring', 'measures-0-status': 'planned' })
      .expect(303)
      .expect('Location', `/tasks/${IDS.task}/check`);
  });

  it('"save draft" saves the answers as typed, incomplete too, and comes back to the form saying so', async () => {
    await pages
      .post(report, { action: 'save', draftVersion: '0', 'measures-0-title': '', 'measures-0-status': 'planned', 'goodPractices-0': 'Mentors' })
      .expect(303)
      .expect('Location', `${report}?saved=1`);
    const [, draft] = pages.double(DraftService).saveTo.mock.calls[0];
    expect(draft.measures).toEqual([{ title: '', status: 'planned', description: '' }]);
    expect(draft.goodPractices).toEqual(['Mentors']);
  });

  it('"add another" saves and returns to the new row’s first field', async () => {
    await pages
      .post(report, { action: 'add-measures', draftVersion: '0', 'measures-0-title': 'Mentoring' })
      .expect(303)
      .expect('Location', `${report}#measures-1-title`);
  });

  it('a draft beyond its bounds is not saved: the error is beside the field, naming it', async () => {
    // As draftProblems says it: the rule and its number with the draft's path.
    const tooLong = {
      path: 'indicators.early-school-leavers.actual',
      message: 'at most 20000 characters in a draft',
      rule: 'too-long',
      params: { max: 20000 },
    };
    pages.double(DraftService).saveTo.mockRejectedValue(new InvalidError([tooLong]));
    const res = await pages.post(report, { action: 'save', draftVersion: '0', 'indicator-early-school-leavers-actual': '1' }).expect(400);
    expect(res.text).toContain(
      '<a href="#indicator-early-school-leavers-actual">Shorten the actual value of Early school leavers to 20,000 characters or fewer</a>',
    );
  });

  it('a draft saved elsewhere meanwhile: nothing overwritten, the answers shown again with a warning', async () => {
    pages.double(DraftService).saveTo.mockRejectedValue(new DraftChangedError({ version: 7 } as never));
    const res = await pages.post(report, { action: 'save', draftVersion: '3', 'measures-0-title': 'Mine' }).expect(409);
    expect(textOf(res.text)).toContain('This draft was changed in another window');
    expect(res.text).toContain('value="Mine"');
    expect(res.text).toContain('name="draftVersion" value="7"');
  });

  it('"check your answers" links each answer to the field it came from', async () => {
    pages.double(DraftService).get.mockResolvedValue({
      content: {
        ...emptyDraft(),
        measures: [
          { title: '', status: '', description: '' },
          { title: 'Mentoring', status: 'planned', description: '' },
        ],
        customIndicators: [{ key: '', name: 'Reach', unit: 'people', baseline: '1', target: '2', actual: '3' }],
        obstacles: ['', 'Rooms'],
      },
      version: 3,
      savedAt: SAVED_AT,
    } as never);
    const res = await pages.get(`/tasks/${IDS.task}/check`).expect(200);
    expect(res.text).toContain(`href="${report}#measures-1-title"`);
    expect(res.text).toContain(`href="${report}#custom-0-baseline"`);
    expect(res.text).toContain(`href="${report}#obstacles-1"`);
  });
});
