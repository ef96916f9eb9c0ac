import { periodOf } from '@pact/domain';
import { ConflictError, IdentityService, InboxQuery, IndicatorCatalog, ObservationService, ProgrammeCatalog, WorkingGroupService } from '@pact/engine';
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

  describe('programmes', () => {
    const PROGRAMMES = [
      { key: 'pact', name: 'European Pact for Integration', participantKind: 'working-group' },
      { key: 'charter', name: 'Integrating Cities Charter', participantKind: 'city' },
    ];
    const berlin = { ...aGroup('berlin'), programme: 'charter', fieldOfAction: 'Berlin', chair: { name: 'Charter coordinator' } };
    afterEach(() => pages.double(ProgrammeCatalog).list.mockReturnValue([PROGRAMMES[0]] as never));

    it('the Charter’s committee adds a city from the pages: the form in its words, each problem beside its field, then the engine adds it; another committee gets the 404 page', async () => {
      pages.double(ProgrammeCatalog).list.mockReturnValue(PROGRAMMES as never);
      pages.signIn(aPerson({ programmes: ['charter'], committeeOf: ['charter'] }));
      const form = await pages.get('/working-groups/new?programme=charter').expect(200);
      expect(textOf(form.text)).toContain('Add a city');
      expect(form.text).toContain('name="programme" value="charter"');
      expect(form.text).toContain('id="country"');

      const bad = await pages
        .post('/working-groups/new', {
          programme: 'charter',
          key: 'Oslo City',
          name: 'Oslo',
          country: 'Norway',
          chairName: 'Kari',
          email: 'kari@',
          language: 'en',
        })
        .expect(400);
      expect(bad.text).toContain('<a href="#key">Enter a short key of lower-case letters, digits and dashes, starting with a letter</a>');
      expect(bad.text).toContain('<a href="#country">Enter the country as its two-letter code, like NO</a>');
      expect(bad.text).toContain('<a href="#email">Enter an e-mail address in the correct format, like name@example.org</a>');
      expect(bad.text).toMatch(/<input[^>]*id="key"[^>]*value="Oslo City"/);
      expect(pages.double(WorkingGroupService).add).not.toHaveBeenCalled();

      pages.double(WorkingGroupService).add.mockResolvedValue({ ...berlin, key: 'oslo' } as never);
      const good = {
        programme: 'charter',
        key: 'oslo',
        name: 'Oslo',
        country: 'no',
        size: 'medium',
        chairName: 'Kari',
        email: 'kari@oslo.example.no',
        language: 'en',
        timeZone: 'Europe/Oslo',
      };
      const done = await pages.post('/working-groups/new', good).expect(303);
      expect(done.headers.location).toBe('/working-groups?programme=charter&added=oslo');
      expect(pages.double(WorkingGroupService).add).toHaveBeenCalledWith(
        {
          key: 'oslo',
          programme: 'charter',
          name: 'Oslo',
          country: 'NO',
          size: 'medium',
          chair: { name: 'Kari', email: 'kari@oslo.example.no', language: 'en', timeZone: 'Europe/Oslo' },
        },
        expect.objectContaining({ committeeOf: ['charter'] }),
      );
      pages.double(WorkingGroupService).add.mockRejectedValueOnce(new ConflictError('"oslo" names a participant already'));
      const taken = await pages.post('/working-groups/new', good).expect(409);
      expect(taken.text).toContain('<a href="#key">This key names a participant already: choose another</a>');

      pages.signIn(aPerson());
      await pages.get('/working-groups/new?programme=charter').expect(404);
    });

    it("offers the programmes a person takes part in and lists the chosen one's participants, in its words; another committee only reads them", async () => {
      pages.double(ProgrammeCatalog).list.mockReturnValue(PROGRAMMES as never);
      pages.signIn(aPerson({ programmes: ['pact', 'charter'], committeeOf: ['pact'], roles: ['committee', 'chair'], groupKeys: ['berlin'] }));
      pages.double(WorkingGroupService).listFor.mockResolvedValue([berlin]);
      pages.double(WorkingGroupService).list.mockResolvedValue([]);
      pages.double(IdentityService).listUsers.mockResolvedValue([]);
      const res = await pages.get('/working-groups?programme=charter').expect(200);
      expect(pages.double(WorkingGroupService).listFor).toHaveBeenCalledWith(expect.objectContaining({ programmes: ['pact', 'charter'] }), 'charter');
      expect(res.text).toContain('<a href="/working-groups?programme=charter" aria-current="page">Integrating Cities Charter</a>');
      expect(res.text).toContain('<a href="/working-groups?programme=pact">European Pact for Integration</a>');
      expect(textOf(res.text)).toContain('City Coordinator');
      expect(textOf(res.text)).toContain('The cities that signed the Charter');
      // On the Pact's committee, not the Charter's: no change link here.
      expect(rowOf(res.text, 'berlin')).not.toContain('href="/working-groups/berlin"');
    });

    it('a programme the person takes no part in is not offered: the first of theirs is shown', async () => {
      pages.double(ProgrammeCatalog).list.mockReturnValue(PROGRAMMES as never);
      pages.signIn(aChair('education'));
      pages.double(WorkingGroupService).listFor.mockResolvedValue([aGroup('education')]);
      const res = await pages.get('/working-groups?programme=charter').expect(200);
      expect(pages.double(WorkingGroupService).listFor).toHaveBeenCalledWith(expect.anything(), 'pact');
      expect(res.text).not.toContain('aria-current="page">Integrating Cities Charter');
    });

    it('the committee retires a participant from its page (CSRF-checked), and the list says so; retired ones keep no change link', async () => {
      pages.signIn(aPerson());
      pages.double(WorkingGroupService).getToDecide.mockResolvedValue(aGroup('sport'));
      await pages.post('/working-groups/sport/retire', {}, { csrf: false }).expect(403);
      expect(pages.double(WorkingGroupService).retire).not.toHaveBeenCalled();
      const done = await pages.post('/working-groups/sport/retire').expect(303);
      expect(done.headers.location).toBe('/working-groups?programme=pact&retired=sport');
      expect(pages.double(WorkingGroupService).retire).toHaveBeenCalledWith('sport', expect.objectContaining({ userId: 'u-1' }));
      // Retired meanwhile by another member: it is retired, as asked.
      pages.double(WorkingGroupService).retire.mockRejectedValueOnce(new ConflictError('retired already'));
      await pages.post('/working-groups/sport/retire').expect(303);

      const retired = aGroup('sport', { retiredAt: new Date('2030-01-12T10:00:00Z') });
      pages.double(WorkingGroupService).listFor.mockResolvedValue([retired]);
      pages.double(WorkingGroupService).list.mockResolvedValue([retired]);
      pages.double(IdentityService).listUsers.mockResolvedValue([]);
      const res = await pages.get('/working-groups?programme=pact&retired=sport').expect(200);
      expect(textOf(res.text)).toContain('Field sport is retired: new cycles leave it out');
      expect(rowOf(res.text, 'sport')).toContain('data-retired-at');
      expect(rowOf(res.text, 'sport')).not.toContain('href="/working-groups/sport"');
    });

    it('the change page offers retiring; a chair may not retire', async () => {
      pages.signIn(aPerson());
      pages.double(WorkingGroupService).getToDecide.mockResolvedValue(aGroup('sport'));
      pages.double(InboxQuery).list.mockResolvedValue([]);
      const form = await pages.get('/working-groups/sport').expect(200);
      expect(form.text).toContain('action="/working-groups/sport/retire"');
      pages.signIn(aChair('sport'));
      await pages.post('/working-groups/sport/retire').expect(403);
    });
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

  describe('indicators over time', () => {
    const text = (en: string, de: string, fr: string) => ({ en, de, fr });
    const indicator = (code: string) => ({
      code,
      name: text(`Name of ${code}`, `Name von ${code}`, `Nom de ${code}`),
      definition: text('Definition', 'Definition', 'Définition'),
      unit: text('%', '%', '%'),
      polarity: 'lower-is-better' as const,
      source: text('Report', 'Bericht', 'Rapport'),
    });
    const provenance = { kind: 'import' as const, importedAt: new Date('2030-01-01T00:00:00Z') };
    function program() {
      pages.double(WorkingGroupService).getFor.mockResolvedValue(aGroup('education'));
      pages
        .double(IndicatorCatalog)
        .of.mockReturnValue({ programme: 'pact', indicators: [indicator('education.a'), indicator('education.b'), indicator('sport.c')] });
      pages.double(ObservationService).seriesFor.mockImplementation(async (_p, programme, code, participant) => ({
        programme,
        indicator: indicator(code),
        participant,
        values:
          code === 'education.a'
            ? [
                { period: periodOf.year(2013), value: 12.5, provenance },
                { period: periodOf.year(2015), value: 9, provenance },
              ]
            : [],
      }));
    }

    it('a chair sees their group’s indicators: a chart with its text alternative and the same values as a table, in their language; no script', async () => {
      program();
      pages.signIn(aChair('education', { language: 'fr' }));
      const res = await pages.get('/working-groups/education/trends').expect(200);
      expect(pages.double(ObservationService).seriesFor.mock.calls.map((c) => [c[1], c[2], c[3]])).toEqual([
        ['pact', 'education.a', 'education'],
        ['pact', 'education.b', 'education'],
      ]);
      const a = /<section class="trend" data-indicator="education.a"[\s\S]*?<\/section>/.exec(res.text)![0];
      expect(a).toContain('<h2 id="trend-0">Nom de education.a</h2>');
      expect(a).toMatch(/<svg [^>]*role="img" aria-labelledby="trend-0-title trend-0-desc"/);
      expect(textOf(/<desc[^>]*>([\s\S]*?)<\/desc>/.exec(a)![1])).toBe('2 valeurs, de 12,5 % (2013) à 9 % (2015) ; la plus basse 9, la plus haute 12,5.');
      expect(a).toContain('<polyline points="8,10 312,110"');
      expect(textOf(/<tbody>([\s\S]*?)<\/tbody>/.exec(a)![1])).toBe('2013 12,5 2015 9');
      expect(a).toContain('Une valeur plus basse est meilleure');
      const b = /<section class="trend" data-indicator="education.b"[\s\S]*?<\/section>/.exec(res.text)![0];
      expect(b).toContain('data-no-values');
      expect(res.text).not.toContain('data-indicator="sport.c"');
      expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)/);
    });

    it('a chair of another group gets not found, and nothing is read; the committee reads any group’s', async () => {
      program();
      pages.signIn(aChair('sport'));
      await pages.get('/working-groups/education/trends').expect(404);
      expect(pages.double(ObservationService).seriesFor).not.toHaveBeenCalled();
      pages.signIn(aPerson());
      const res = await pages.get('/working-groups/education/trends').expect(200);
      expect(res.text).toContain('Indicators over time: Field education');
    });

    it('the list links each group whose trends the reader may read', async () => {
      pages.signIn(aChair('education'));
      pages.double(WorkingGroupService).listFor.mockResolvedValue([aGroup('education'), { ...aGroup('housing'), chair: { name: 'Chair of housing' } }]);
      const res = await pages.get('/working-groups').expect(200);
      expect(rowOf(res.text, 'education')).toContain('href="/working-groups/education/trends"');
      expect(rowOf(res.text, 'housing')).not.toContain('/trends');
    });
  });
});
