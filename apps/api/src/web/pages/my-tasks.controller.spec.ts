import { InboxQuery, WorkingGroupService } from '@pact/engine';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { aGroup, anItem } from '../testing/page-fixtures';

const rowOf = (html: string, id: string) => textOf(new RegExp(`<tr data-task="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '');

describe('My tasks page (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages({ now: new Date('2030-01-15T09:00:00Z') });
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    pages.signIn(aChair('education'));
    pages.double(WorkingGroupService).listByKeys.mockResolvedValue([aGroup('education')]);
  });

  it('says when nothing is waiting, and reads only the chair’s groups', async () => {
    pages.double(InboxQuery).list.mockResolvedValue([]);
    const res = await pages.get('/my-tasks').expect(200);
    expect(textOf(res.text)).toContain('No report requests are waiting for you.');
    expect(pages.double(InboxQuery).list).toHaveBeenLastCalledWith(['education'], { status: ['open', 'overdue'], limit: 500 });
    expect(pages.double(WorkingGroupService).listByKeys).toHaveBeenLastCalledWith(['education']);
  });

  it('shows a task of each state with what applies to it', async () => {
    pages.double(InboxQuery).list.mockResolvedValue([
      anItem({ id: 'open-1' }),
      anItem({
        id: 'overdue-1',
        status: 'overdue',
        dueAt: new Date('2030-01-10T22:59:59Z'),
        escalationLevel: 1,
        lastReminderAt: new Date('2030-01-07T08:00:00Z'),
      }),
      anItem({ id: 'submitted-1', status: 'submitted', latestRevision: 2, late: true }),
      anItem({ id: 'cancelled-1', status: 'cancelled' }),
    ]);
    const res = await pages.get('/my-tasks?show=all').expect(200);
    // Days left counted in the chair's zone (Berlin): the 15th to the 20th.
    expect(rowOf(res.text, 'open-1')).toBe('Final report Pact 2030 Field education January 20, 2030 in 5 days Open 0 none yet –');
    expect(rowOf(res.text, 'overdue-1')).toBe('Final report Pact 2030 Field education January 10, 2030 5 days ago Overdue 1 January 7, 2030 –');
    // Nothing left to count once the report is in or the request is gone.
    expect(rowOf(res.text, 'submitted-1')).toBe('Final report Pact 2030 Field education January 20, 2030 – Submitted (late) Revision 2 – none yet –');
    expect(rowOf(res.text, 'cancelled-1')).toBe('Final report Pact 2030 Field education January 20, 2030 – Cancelled – none yet –');
    expect(res.text).toMatch(/<a href="\/my-tasks\?show=all" aria-current="page">/);
  });

  it('takes an unknown filter as the default one', async () => {
    pages.double(InboxQuery).list.mockResolvedValue([]);
    for (const show of ['nonsense', 'constructor', 'toString']) {
      await pages.get(`/my-tasks?show=${show}`).expect(200);
      expect(pages.double(InboxQuery).list).toHaveBeenLastCalledWith(['education'], { status: ['open', 'overdue'], limit: 500 });
    }
  });

  it('tells a chair without a group so', async () => {
    pages.signIn(aChair('education', { groupKeys: [] }));
    pages.double(InboxQuery).list.mockResolvedValue([]);
    const res = await pages.get('/my-tasks').expect(200);
    expect(textOf(res.text)).toContain('You do not chair a working group.');
  });

  it('is for chairs only: the committee gets the 403 page, nobody signed in the sign-in page', async () => {
    pages.signIn(aPerson());
    const res = await pages.get('/my-tasks').expect(403);
    expect(textOf(res.text)).toContain('You cannot open this page');
    pages.signIn(null);
    await pages.get('/my-tasks').expect(303).expect('Location', '/sign-in?next=%2Fmy-tasks');
  });
});
