import { IdentityService, WorkingGroupService } from '@pact/engine';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { aGroup, aUser } from '../testing/page-fixtures';

describe('People page (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.double(WorkingGroupService).list.mockResolvedValue([aGroup('education')]);
    pages
      .double(IdentityService)
      .listUsersFor.mockResolvedValue([
        aUser({ id: '65f1a2b3c4d5e6f708192b02', name: 'Zoe Chair', email: 'zoe@example.org', roles: ['chair'], groupKeys: ['education'] }),
        aUser({ name: 'Maria Rossi' }),
      ]);
  });

  it('the committee sees everyone, sorted by name, with their groups by name, and may add a person', async () => {
    pages.signIn(aPerson());
    const res = await pages.get('/people').expect(200);
    const text = textOf(res.text);
    expect(text.indexOf('Maria Rossi')).toBeLessThan(text.indexOf('Zoe Chair'));
    expect(text).toContain('Field education');
    expect(res.text).toContain('href="/people/new"');
  });

  it('an operator reads the list but adds nobody', async () => {
    pages.signIn(aPerson({ roles: ['operator'] }));
    const res = await pages.get('/people').expect(200);
    expect(res.text).not.toContain('href="/people/new"');
    await pages.get('/people/new').expect(403);
  });

  it('a chair gets the 403 page, and nothing is read', async () => {
    pages.signIn(aChair());
    const res = await pages.get('/people').expect(403);
    expect(textOf(res.text)).toContain('You cannot open this page');
    expect(pages.double(IdentityService).listUsersFor).not.toHaveBeenCalled();
  });
});
