import { CycleService, DraftService, NotFoundError, SubmissionService, TaskQuery, WorkingGroupService } from '@pact/engine';
import { aCycle, aRevision, aTask, IDS } from '@pact/engine/testing/fixtures';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { aGroup } from '../testing/page-fixtures';

describe('Task page (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages({ now: new Date('2030-02-15T09:00:00Z') });
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aChair('education'));
    pages.double(CycleService).get.mockResolvedValue(aCycle({ name: 'Pact 2030' }));
    pages.double(WorkingGroupService).get.mockResolvedValue(aGroup('education'));
    pages.double(SubmissionService).revisions.mockResolvedValue([]);
    pages.double(DraftService).get.mockResolvedValue(null);
    pages.double(DraftService).sources.mockResolvedValue({});
  });

  it('an open task: what is asked, by when, and the chair may start the report or ask for more time', async () => {
    pages.double(TaskQuery).visible.mockResolvedValue(aTask());
    const res = await pages.get(`/tasks/${IDS.task}`).expect(200);
    const text = textOf(res.text);
    expect(text).toContain('Final: Field education');
    expect(text).toContain('Pact 2030');
    expect(text).toContain('The goal of education');
    expect(text).toContain('Open');
    expect(res.text).toContain(`href="/tasks/${IDS.task}/report">Start your report</a>`);
    expect(res.text).toContain(`href="/tasks/${IDS.task}/extension">Ask for more time</a>`);
    expect(text).toContain('Nothing has been submitted yet.');
    expect(pages.double(TaskQuery).visible).toHaveBeenCalledWith(IDS.task, expect.objectContaining({ userId: 'u-2' }), 'read');
  });

  it('a submitted task: its revisions, who sent them, and a new revision offered', async () => {
    pages.double(TaskQuery).visible.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 1 }));
    pages.double(SubmissionService).revisions.mockResolvedValue([aRevision(1)]);
    const res = await pages.get(`/tasks/${IDS.task}`).expect(200);
    const text = textOf(res.text);
    expect(text).toContain('Submitted');
    expect(text).toContain('Submit a new revision');
    expect(text).toContain('Revision 1');
    expect(text).toContain('anna@example.org');
    expect(text).not.toContain('Ask for more time');
  });

  it('a cancelled task: closed, no draft read, nothing to start', async () => {
    pages.double(TaskQuery).visible.mockResolvedValue(aTask({ status: 'cancelled' }));
    const res = await pages.get(`/tasks/${IDS.task}`).expect(200);
    const text = textOf(res.text);
    expect(text).toContain('Reports can no longer be submitted for this task.');
    expect(text).not.toContain('Start your report');
    expect(text).not.toContain('Ask for more time');
    expect(pages.double(DraftService).get).not.toHaveBeenCalled();
  });

  it('the committee reads the task but neither writes nor asks', async () => {
    pages.signIn(aPerson());
    pages.double(TaskQuery).visible.mockResolvedValue(aTask());
    const res = await pages.get(`/tasks/${IDS.task}`).expect(200);
    expect(textOf(res.text)).not.toContain('Start your report');
    expect(textOf(res.text)).not.toContain('Ask for more time');
  });

  it("another group's task is the 404 page, from the engine's NotFoundError", async () => {
    pages.double(TaskQuery).visible.mockRejectedValue(new NotFoundError(`task ${IDS.task} not found`));
    const res = await pages.get(`/tasks/${IDS.task}`).expect(404);
    expect(textOf(res.text)).toContain('Page not found');
    // Nothing of the task shows: for this person it does not exist.
    expect(textOf(res.text)).not.toContain('Field education');
    expect(pages.double(CycleService).get).not.toHaveBeenCalled();
  });

  it("another group's task is a 404 on the chair's form for more time too", async () => {
    pages.double(TaskQuery).visible.mockRejectedValue(new NotFoundError(`task ${IDS.task} not found`));
    await pages.get(`/tasks/${IDS.task}/extension`).expect(404);
  });
});
