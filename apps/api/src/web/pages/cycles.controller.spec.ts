import { CycleGlance, CycleProgressQuery, CycleService } from '@pact/engine';
import { aCycle, IDS } from '@pact/engine/testing/fixtures';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';

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
    expect(pages.double(CycleService).list).toHaveBeenCalledWith('completed', 100, 0);
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
});
