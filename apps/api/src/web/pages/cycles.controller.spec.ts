import { CycleGlance, CycleProgressQuery, CycleService, NotFoundError, ProgrammeCatalog } from '@pact/engine';
import { aCycle, IDS } from '@pact/engine/testing/fixtures';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { aCell, aMatrix } from '../testing/page-fixtures';
import { LocalizedText, ratingsMatrix } from '@pact/domain';
import { CURRENT, networkQuestionnaire } from '@pact/domain/testing/network-report-fixture';

function aGlance(over: Partial<CycleGlance> = {}): CycleGlance {
  return {
    status: 'running',
    tasksByStatus: { open: 0, overdue: 1, submitted: 1, cancelled: 0 },
    requested: 2,
    submittedShare: 0.5,
    next: { kind: 'compile', at: new Date('2030-06-01T00:00:00Z'), milestoneTitle: 'Final' },
    ...over,
  };
}

describe('Cycles list (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
  });

  it('empty: says so, and the committee may start one', async () => {
    pages.double(CycleService).list.mockResolvedValue([]);
    pages.double(CycleProgressQuery).glance.mockResolvedValue(new Map());
    const res = await pages.get('/cycles').expect(200);
    expect(textOf(res.text)).toContain('No monitoring cycle has been started yet.');
    expect(res.text).toContain('href="/cycles/new"');
  });

  it('a cycle with its progress at a glance', async () => {
    pages.double(CycleService).list.mockResolvedValue([aCycle({ name: 'Pact 2030' })]);
    pages.double(CycleProgressQuery).glance.mockResolvedValue(new Map([[IDS.cycle, aGlance()]]));
    const res = await pages.get('/cycles').expect(200);
    const row = textOf(new RegExp(`<tr data-cycle="${IDS.cycle}">([\\s\\S]*?)</tr>`).exec(res.text)?.[1] ?? '');
    expect(row).toContain('Pact 2030');
    expect(row).toContain('Running');
    expect(row).toContain('1 of 2 reports submitted');
    expect(row).toContain('1 overdue');
    expect(row).toContain('Final compiled');
  });

  it('filters by state, and an unknown state is a 400 naming the field, with nothing read', async () => {
    pages.double(CycleService).list.mockResolvedValue([]);
    pages.double(CycleProgressQuery).glance.mockResolvedValue(new Map());
    const filtered = await pages.get('/cycles?status=completed').expect(200);
    expect(pages.double(CycleService).list).toHaveBeenCalledWith(
      expect.objectContaining({ userId: 'u-1' }),
      { status: 'completed', programme: 'pact' },
      100,
      0,
    );
    expect(textOf(filtered.text)).toContain('No monitoring cycle is in this state.');
    jest.clearAllMocks();
    const res = await pages.get('/cycles?status=bogus').expect(400);
    expect(res.text).toContain('<a href="#status">Choose a state from the list</a>');
    expect(res.text).toMatch(/<select[^>]*id="status"[^>]*aria-invalid="true"/);
    expect(pages.double(CycleService).list).not.toHaveBeenCalled();
  });

  it('a chair reads the list without the start link', async () => {
    pages.signIn(aChair());
    pages.double(CycleService).list.mockResolvedValue([]);
    pages.double(CycleProgressQuery).glance.mockResolvedValue(new Map());
    const res = await pages.get('/cycles').expect(200);
    expect(res.text).not.toContain('href="/cycles/new"');
  });

  it("the console picks the programme: the Charter's committee reads its cycles and starts its rounds", async () => {
    pages.double(ProgrammeCatalog).list.mockReturnValue([
      { key: 'pact', name: 'European Pact for Integration', participantKind: 'working-group' },
      { key: 'charter', name: 'Integrating Cities Charter', participantKind: 'city' },
    ] as never);
    try {
      pages.signIn(aPerson({ committeeOf: ['charter'], programmes: ['charter'] }));
      pages.double(CycleService).list.mockResolvedValue([]);
      pages.double(CycleProgressQuery).glance.mockResolvedValue(new Map());
      const res = await pages.get('/cycles?programme=pact').expect(200);
      // Not a programme of theirs: their own is shown, with no picker (one programme only).
      expect(pages.double(CycleService).list).toHaveBeenCalledWith(expect.anything(), { status: undefined, programme: 'charter' }, 100, 0);
      expect(res.text).toContain('href="/cycles/new?programme=charter"');
      expect(res.text).toContain('name="programme" value="charter"');

      pages.signIn(aPerson({ roles: ['operator'], committeeOf: [], programmes: [] }));
      const both = await pages.get('/cycles?programme=charter').expect(200);
      expect(both.text).toContain('<a href="/cycles?programme=charter" aria-current="page">Integrating Cities Charter</a>');
      // An operator reads every programme's cycles and starts none.
      expect(both.text).not.toContain('href="/cycles/new');
    } finally {
      pages.double(ProgrammeCatalog).list.mockReturnValue([{ key: 'pact', name: 'European Pact for Integration', participantKind: 'working-group' }] as never);
    }
  });
});

describe('A cycle’s page (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages({ now: new Date('2030-03-15T09:00:00Z') });
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
    pages.double(CycleService).getFor.mockResolvedValue(aCycle());
  });

  const PAGE = `/cycles/${IDS.cycle}`;
  const cellOf = (html: string, group: string, milestone: string) =>
    new RegExp(`<tr data-group="${group}">[\\s\\S]*?<td data-milestone="${milestone}" data-state="([a-z-]+)">([\\s\\S]*?)</td>`).exec(html);
  const milestoneRow = (html: string, key: string) => textOf(new RegExp(`<tr data-milestone="${key}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '');
  // Interim compiled; final requested: education overdue (escalated, asking for more time, extended once), housing late; sport not asked yet.
  const matrix = () =>
    aMatrix({
      milestones: [
        { key: 'interim', title: 'Interim report', status: 'compiled' },
        { key: 'final', title: 'Final report' },
      ],
      rows: [
        {
          groupKey: 'sport',
          fieldOfAction: 'Sport',
          cells: [aCell('t-s1', { state: 'submitted', revision: 1, dueAt: new Date('2030-02-01T22:59:59Z') }), null],
        },
        {
          groupKey: 'education',
          fieldOfAction: { en: 'Education', de: 'Bildung' },
          cells: [
            aCell('t-e1', { state: 'submitted', revision: 2, dueAt: new Date('2030-02-01T22:59:59Z') }),
            aCell('t-e2', { state: 'overdue', escalationLevel: 1, extensionRequested: true, extensions: 1 }),
          ],
        },
        {
          groupKey: 'housing',
          fieldOfAction: { en: 'Housing', de: 'Wohnen' },
          cells: [aCell('t-h1', { state: 'cancelled' }), aCell('t-h2', { state: 'late', revision: 1 })],
        },
      ],
    });

  it('the committee: state, period, the way to the overdue list and the requests for more time, with their counts', async () => {
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(matrix());
    const res = await pages.get(PAGE).expect(200);
    expect(pages.double(CycleProgressQuery).matrix).toHaveBeenCalledWith(IDS.cycle, {});
    expect(res.text).toContain('<h1>Pact 2030</h1>');
    expect(textOf(res.text)).toContain('Running January 1, 2030 to January 1, 2031');
    expect(textOf(res.text)).toContain('Overdue report requests (1), with extensions');
    expect(textOf(res.text)).toContain('Requests for more time waiting for you (1)');
    expect(res.text).toContain(`href="/cycles/${IDS.cycle}/overdue"`);
  });

  it('each milestone: its dates, state, counts, on-time rate, and its report once compiled', async () => {
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(matrix());
    const res = await pages.get(PAGE).expect(200);
    const interim = milestoneRow(res.text, 'interim');
    expect(interim).toMatch(/^Interim report Requested: January 1, 2030 Due: March 1, 2030 Compiled: March 15, 2030 Compiled /);
    expect(interim).toContain('2 of 3 submitted 0 of them late 0 open 0 overdue 0 escalated 0 extended 1 cancelled');
    expect(interim).toContain('100 % (2 of 2 due so far)');
    expect(res.text).toContain(`href="/cycles/${IDS.cycle}/report?milestone=interim"`);
    const final = milestoneRow(res.text, 'final');
    expect(final).toContain('1 of 2 submitted 1 of them late 0 open 1 overdue 1 escalated 1 extended 1 asking for more time');
    expect(final).toContain('0 % (0 of 2 due so far)');
    expect(final).not.toContain('Read the report');
  });

  it('a milestone with nothing requested yet says so, and has no rate yet', async () => {
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(
      aMatrix({
        milestones: [{ key: 'final', title: 'Final report', status: 'scheduled', requestAt: new Date('2030-06-01T00:00:00Z') }],
        rows: [{ groupKey: 'sport', fieldOfAction: 'Sport', cells: [null] }],
      }),
    );
    const res = await pages.get(PAGE).expect(200);
    expect(milestoneRow(res.text, 'final')).toMatch(/Scheduled Not requested yet Nothing due yet$/);
    expect(cellOf(res.text, 'sport', 'final')?.[1]).toBe('not-requested');
  });

  it('the matrix: groups by name as read, each cell its state in words and what else is true of it, linking to the request', async () => {
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(matrix());
    const res = await pages.get(PAGE).expect(200);
    expect([...res.text.matchAll(/<tr data-group="([a-z]+)">/g)].map((m) => m[1])).toEqual(['education', 'housing', 'sport']);
    const overdue = cellOf(res.text, 'education', 'final')!;
    expect(overdue[1]).toBe('overdue');
    expect(textOf(overdue[2])).toBe(
      'Overdue Escalated to level 1 Asked for more time Extensions: 1 Due March 1, 2030 Open the request : Education, Final report',
    );
    expect(overdue[2]).toContain('href="/tasks/t-e2"');
    expect(textOf(cellOf(res.text, 'education', 'interim')![2])).toMatch(/^Submitted on time Revision 2 /);
    expect(textOf(cellOf(res.text, 'housing', 'final')![2])).toMatch(/^Submitted late Revision 1 /);
    expect(textOf(cellOf(res.text, 'housing', 'interim')![2])).toMatch(/^Cancelled Open the request/);
    expect(textOf(cellOf(res.text, 'sport', 'final')![2])).toBe('Not requested yet');
  });

  it('a chair reads their own groups’ rows, without the committee’s links; a chair of no group of the cycle is told so', async () => {
    pages.signIn(aChair('education'));
    const own = matrix();
    pages.double(CycleProgressQuery).matrix.mockResolvedValue({ ...own, rows: own.rows.filter((r) => r.groupKey === 'education') });
    let res = await pages.get(PAGE).expect(200);
    expect(pages.double(CycleProgressQuery).matrix).toHaveBeenCalledWith(IDS.cycle, { visibleGroups: ['education'] });
    expect(textOf(res.text)).toContain('The report requests of your working groups for each milestone.');
    expect(res.text).not.toContain('data-overdue-link');
    expect(res.text).not.toContain('data-requests-link');
    pages.double(CycleProgressQuery).matrix.mockResolvedValue({ ...own, rows: [] });
    res = await pages.get(PAGE).expect(200);
    expect(textOf(res.text)).toContain('No working group of yours takes part in this cycle.');
  });

  it('after starting: the requests that went out and to whom, naming five groups and counting the rest', async () => {
    const groups = ['Arts', 'Bees', 'Cars', 'Dogs', 'Eggs', 'Figs', 'Gums'];
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(
      aMatrix({
        now: new Date('2030-01-01T00:05:00Z'),
        milestones: [{ key: 'final', title: 'Final report' }],
        rows: groups.reverse().map((g, i) => ({ groupKey: g.toLowerCase(), fieldOfAction: g, cells: [aCell(`t-${i}`)] })),
      }),
    );
    let res = await pages.get(PAGE).expect(200);
    expect(res.text).not.toContain('data-started-notice');
    res = await pages.get(`${PAGE}?started=1`).expect(200);
    expect(textOf(/data-started-notice>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '')).toBe(
      'The cycle has started: the report requests for “Final report” went out by e-mail to the chairs of these working groups (7): Arts, Bees, Cars, Dogs, Eggs and 2 more.',
    );
  });

  it('after starting, before any request exists: being sent now, or going out on their date', async () => {
    const before = (now: string) =>
      aMatrix({
        now: new Date(now),
        milestones: [{ key: 'final', title: 'Final report', status: 'scheduled', requestAt: new Date('2030-02-01T08:00:00Z') }],
        rows: [{ groupKey: 'sport', fieldOfAction: 'Sport', cells: [null] }],
      });
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(before('2030-02-01T08:00:01Z'));
    let res = await pages.get(`${PAGE}?started=1`).expect(200);
    expect(textOf(res.text)).toContain('The report requests for “Final report” are being sent now; reload this page in a moment to see them.');
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(before('2030-01-15T09:00:00Z'));
    res = await pages.get(`${PAGE}?started=1`).expect(200);
    expect(textOf(res.text)).toContain('The first report requests (“Final report”) go out on February 1, 2030.');
  });

  it('in German for a German reader: groups sorted by their German names (Bildung, Sport, Wohnen)', async () => {
    pages.signIn(aPerson({ language: 'de' }));
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(matrix());
    const res = await pages.get(PAGE).expect(200);
    expect(res.text).toContain('<html lang="de"');
    expect([...res.text.matchAll(/<tr data-group="([a-z]+)">/g)].map((m) => m[1])).toEqual(['education', 'sport', 'housing']);
    expect(textOf(cellOf(res.text, 'education', 'final')![2])).toContain('Bildung');
  });

  it('a questionnaire round: its ratings so far, cities × numbered commitments, a decline and a city not yet answered in words, in French', async () => {
    pages.signIn(aPerson({ language: 'fr' }));
    pages.double(CycleProgressQuery).matrix.mockResolvedValue(matrix());
    const q = networkQuestionnaire();
    pages.double(CycleProgressQuery).ratings.mockResolvedValue({
      ...ratingsMatrix(q, ['aachen', 'dijon', 'essen'], (p) => CURRENT[p]),
      names: new Map<string, LocalizedText>([
        ['aachen', { en: 'Aachen', fr: 'Aix-la-Chapelle' }],
        ['dijon', 'Dijon'],
        ['essen', 'Essen'],
      ]),
    });
    const res = await pages.get(PAGE).expect(200);
    expect(textOf(res.text)).toContain('Évaluations à ce jour');
    const rows = [...res.text.matchAll(/<tr data-participant="([a-z]+)" data-state="([a-z-]+)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1], m[2], textOf(m[3])]);
    expect(rows).toEqual([
      ['aachen', 'took-part', 'Aix-la-Chapelle Fully (fr) Partly (fr) Not applicable (fr)'],
      ['dijon', 'declined', 'Dijon Ne participe pas à cette édition'],
      ['essen', 'waiting', 'Essen Pas encore de réponses'],
    ]);
    // Each column is numbered, its wording in the list above and for screen readers in the header.
    expect(textOf(/<ol class="commitment-key">([\s\S]*?)<\/ol>/.exec(res.text)![1])).toContain('Policy (fr): Communicate (fr) (Fully (fr) 1, Partly (fr) 0');
    expect(res.text).toContain('<span aria-hidden="true">1</span><span class="visually-hidden">Communicate (fr)</span>');
  });

  it('an unknown cycle is the 404 page', async () => {
    pages.double(CycleProgressQuery).matrix.mockRejectedValueOnce(new NotFoundError(`cycle ${IDS.cycle} does not exist`));
    const res = await pages.get(PAGE).expect(404);
    expect(textOf(res.text)).toContain('Page not found');
  });
});
