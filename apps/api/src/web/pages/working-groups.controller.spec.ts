import { IdentityService, InboxQuery, WorkingGroupService } from '@pact/engine';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { aGroup, aUser } from '../testing/page-fixtures';

const rowOf = (html: string, key: string) => new RegExp(`<tr data-group="${key}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';

describe('Working groups page (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => jest.clearAllMocks());

  it('a chair sees the other groups’ chairs by name only (as the engine’s listFor gives them), no sign-in column, no change link', async () => {
    const own = aGroup('education');
    const other = aGroup('housing');
    pages.signIn(aChair('education'));
    pages.double(WorkingGroupService).listFor.mockResolvedValue([{ ...other, chair: { name: other.chair.name } }, own]);
    const res = await pages.get('/working-groups').expect(200);
    expect(pages.double(WorkingGroupService).listFor).toHaveBeenCalledWith(expect.objectContaining({ roles: ['chair'], groupKeys: ['education'] }));
    expect(textOf(rowOf(res.text, 'housing'))).toBe('Field housing Chair of housing');
    expect(textOf(rowOf(res.text, 'education'))).toContain('chair.education@example.org');
    expect(res.text).not.toContain('data-sign-in');
    expect(res.text).not.toContain('Change the chair');
    // Who may sign in is for those who may list people.
    expect(pages.double(IdentityService).listUsers).not.toHaveBeenCalled();
  });

  it('the committee sees every chair, whether they can sign in, and the change link; sorted by name as read', async () => {
    pages.signIn(aPerson());
    const groups = [aGroup('housing'), aGroup('education')];
    pages.double(WorkingGroupService).listFor.mockResolvedValue(groups);
    pages.double(WorkingGroupService).list.mockResolvedValue(groups);
    pages.double(IdentityService).listUsers.mockResolvedValue([aUser({ roles: ['chair'], groupKeys: ['education'], email: 'chair.education@example.org' })]);
    const res = await pages.get('/working-groups').expect(200);
    expect(res.text.indexOf('data-group="education"')).toBeLessThan(res.text.indexOf('data-group="housing"'));
    expect(rowOf(res.text, 'education')).toContain('data-sign-in="yes"');
    expect(rowOf(res.text, 'housing')).toContain('data-sign-in="no"');
    expect(rowOf(res.text, 'housing')).toContain('href="/working-groups/housing"');
  });

  it('after a change, says who was named and how many open requests follow them', async () => {
    pages.signIn(aPerson());
    const group = aGroup('education', { updatedAt: new Date('2030-01-10T10:00:00Z') });
    pages.double(WorkingGroupService).listFor.mockResolvedValue([group]);
    pages.double(WorkingGroupService).list.mockResolvedValue([group]);
    pages.double(IdentityService).listUsers.mockResolvedValue([]);
    pages.double(InboxQuery).list.mockResolvedValue([]);
    const res = await pages.get('/working-groups?changed=education').expect(200);
    expect(res.text).toContain('data-changed="education"');
    expect(pages.double(InboxQuery).list).toHaveBeenCalledWith(['education'], { limit: 1000 });
  });
});
