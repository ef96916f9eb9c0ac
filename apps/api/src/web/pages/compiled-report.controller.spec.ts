import { compileNetworkReport, networkWordsIn } from '@pact/domain';
import { networkInput } from '@pact/domain/testing/network-report-fixture';
import { shippedCatalogs, shippedReportWords } from '@pact/domain/testing/shipped-texts';
import { CycleService, NotFoundError, ReportPublishingService, ReportReadingService } from '@pact/engine';
import { aCycle, IDS } from '@pact/engine/testing/fixtures';
import { ReportResponder } from '../../reports/report-responder';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { expectFieldError } from '../testing/page-assertions';
import { aReport } from '../testing/page-fixtures';

const OTHER = '65f1a2b3c4d5e6f708192b99';
const REPORT = `/cycles/${IDS.cycle}/report`;
const version = (n: number, milestoneKey = 'final') => ({
  id: `v${n}`,
  cycleId: IDS.cycle,
  milestoneKey,
  milestoneTitle: 'Final report',
  version: n,
  compiledAt: new Date('2030-06-01T00:00:00Z'),
  publishedAt: new Date(`2030-06-0${n + 1}T10:00:00Z`),
  publishedBy: 'committee:maria.rossi@example.org',
  sha256: 'x',
});

describe('Compiled report page (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
    pages.double(CycleService).getFor.mockResolvedValue(aCycle({ name: 'Pact 2030', milestoneState: { final: { status: 'compiled' } } }));
    pages.double(CycleService).list.mockResolvedValue([aCycle({ name: 'Pact 2030', milestoneState: { final: { status: 'compiled' } } })]);
    pages.double(ReportReadingService).readable.mockResolvedValue({ report: aReport(), scope: 'whole' });
    pages.double(ReportPublishingService).list.mockResolvedValue([]);
    pages.double(ReportResponder).words.mockImplementation((lang: string) => shippedReportWords(lang));
  });

  it('not compiled yet: says so, titled by the milestone asked for', async () => {
    pages.double(ReportReadingService).readable.mockResolvedValue(null);
    const res = await pages.get(`${REPORT}?milestone=final`).expect(200);
    expect(pages.double(ReportReadingService).readable).toHaveBeenCalledWith(expect.objectContaining({ roles: ['committee'] }), IDS.cycle, 'final');
    expect(res.text).toContain('<h1>Report: Final</h1>');
    expect(textOf(res.text)).toContain('No report has been compiled for this cycle yet.');
    expect(res.text).not.toContain('id="downloads"');
  });

  it('the committee: the whole report inline, its coverage, downloads, no version yet, publishing, nothing to compare with', async () => {
    const res = await pages.get(REPORT).expect(200);
    const text = textOf(res.text);
    expect(text).toContain('1 on time, 0 late, 1 missing of 2 working groups.');
    for (const f of ['pdf', 'csv', 'markdown', 'html']) expect(res.text).toContain(`href="/cycles/${IDS.cycle}/report/download/${f}?milestone=final"`);
    expect(text).toContain('No version of this report has been published yet.');
    expect(res.text).toContain(`<form method="post" action="/cycles/${IDS.cycle}/report/publish"`);
    expect(res.text).toContain('<input type="hidden" name="milestone" value="final">');
    expect(text).toContain('No other cycle has a compiled report to compare with yet.');
    // The report's own body, rendered by the domain in the reader's words.
    const body = textOf(/<div class="report-document"[^>]*>([\s\S]*)<\/div>\s*<\/main>/.exec(res.text)?.[1] ?? '');
    expect(body).toContain('Field education');
    expect(body).toContain('Field housing');
    expect(res.text).not.toContain('data-report-scope');
  });

  it('the versions of this milestone’s report, newest first, each downloadable as frozen', async () => {
    pages.double(ReportPublishingService).list.mockResolvedValue([version(1), version(2, 'interim'), version(3)]);
    const res = await pages.get(REPORT).expect(200);
    const rows = [...res.text.matchAll(/<tr data-version="(\d+)">/g)].map((m) => m[1]);
    expect(rows).toEqual(['3', '1']);
    expect(res.text).toContain(`href="/cycles/${IDS.cycle}/report/versions/3/download/pdf"`);
  });

  it('publishing: the engine freezes the report; the page then says whether a new version was made', async () => {
    pages.double(ReportPublishingService).publish.mockResolvedValue({ version: version(3), created: true });
    await pages.post(`${REPORT}/publish`, { milestone: 'final' }).expect(303).expect('Location', `${REPORT}?milestone=final&published=3&created=1#versions`);
    expect(pages.double(ReportPublishingService).publish).toHaveBeenCalledWith(IDS.cycle, 'final', 'committee:maria.rossi@example.org');
    let res = await pages.get(`${REPORT}?milestone=final&published=3&created=1`).expect(200);
    expect(textOf(res.text)).toContain('Published as version 3.');
    res = await pages.get(`${REPORT}?milestone=final&published=2&created=0`).expect(200);
    expect(textOf(res.text)).toContain('Nothing has changed since version 2: no new version was made.');
    res = await pages.get(`${REPORT}?published=0`).expect(200);
    expect(res.text).not.toContain('data-published');
  });

  it('compares with another cycle’s report of the same milestone: what changed, group by group', async () => {
    pages
      .double(CycleService)
      .list.mockResolvedValue([
        aCycle({ name: 'Pact 2030' }),
        aCycle({ id: OTHER, name: 'Pact 2028', milestoneState: { final: { status: 'compiled' } } }),
        aCycle({ id: 'c'.repeat(24), name: 'Not compiled', milestoneState: { final: { status: 'requested' } } }),
      ]);
    pages.double(ReportReadingService).readPair.mockResolvedValue([
      { report: aReport(OTHER, { cycleName: 'Pact 2028', actual: 120 }), scope: 'whole' },
      { report: aReport(), scope: 'whole' },
    ]);
    const res = await pages.get(`${REPORT}?compare=${OTHER}`).expect(200);
    expect(res.text).toMatch(new RegExp(`<option value="${OTHER}" selected>Pact 2028</option>`));
    expect(res.text).not.toContain('Not compiled</option>');
    expect(pages.double(ReportReadingService).readPair).toHaveBeenCalledWith(
      expect.objectContaining({ roles: ['committee'] }),
      { cycleId: OTHER, milestoneKey: 'final' },
      { cycleId: IDS.cycle, milestoneKey: undefined },
    );
    const section = textOf(/<section aria-labelledby="comparison-title"[^>]*>([\s\S]*?)<\/section>/.exec(res.text)?.[1] ?? '');
    expect(section).toContain('Changes since Pact 2028');
    expect(section).toContain('On time 0, late 0, missing 0');
    expect(section).toContain('People reached: 120 → 150 people');
  });

  it('a cycle to compare with that is not in the list: 400, the error beside the select and in the summary, nothing read', async () => {
    pages.double(CycleService).list.mockResolvedValue([aCycle({ id: OTHER, name: 'Pact 2028', milestoneState: { final: { status: 'compiled' } } })]);
    for (const compare of ['c'.repeat(24), 'constructor']) {
      const res = await pages.get(`${REPORT}?compare=${compare}`).expect(400);
      expectFieldError(res.text, 'compare', 'Choose a cycle with a compiled report from the list');
    }
    // With no cycle to compare with at all, the select still stands for its error to be beside it.
    pages.double(CycleService).list.mockResolvedValue([]);
    const res = await pages.get(`${REPORT}?compare=${OTHER}`).expect(400);
    expectFieldError(res.text, 'compare', 'Choose a cycle with a compiled report from the list');
    expect(textOf(res.text)).toContain('No other cycle has a compiled report to compare with yet.');
    expect(pages.double(ReportReadingService).readPair).not.toHaveBeenCalled();
  });

  it('a chair reads their group’s part until a version is published, then the version; neither publishes', async () => {
    pages.signIn(aChair('education'));
    pages.double(ReportReadingService).readable.mockResolvedValue({ report: aReport(), scope: 'part' });
    let res = await pages.get(REPORT).expect(200);
    expect(res.text).toContain('data-report-scope="part"');
    expect(res.text).not.toContain('/report/publish');
    pages.double(ReportReadingService).readable.mockResolvedValue({ report: aReport(), scope: 'published', version: { ...version(2), json: '{}' } });
    res = await pages.get(REPORT).expect(200);
    expect(textOf(res.text)).toContain('This is the report as the steering committee published it (version 2, June 3, 2030 at 12:00 PM).');
    await pages.post(`${REPORT}/publish`, { milestone: 'final' }).expect(403);
    expect(pages.double(ReportPublishingService).publish).not.toHaveBeenCalled();
  });

  it('downloads in the formats served, named after the report; another format is a 400', async () => {
    pages.double(ReportReadingService).readAny.mockResolvedValue({ kind: 'implementation', report: aReport(), scope: 'whole' });
    pages.double(ReportResponder).send.mockImplementation(async (res) => {
      res.type('text/markdown');
      return '# Report';
    });
    const res = await pages.get(`${REPORT}/download/markdown?milestone=final`).expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="report-${IDS.cycle}-final.md"`);
    expect(pages.double(ReportResponder).send).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ milestoneKey: 'final' }),
      'markdown',
      `report-${IDS.cycle}-final`,
      'en',
    );
    await pages.get(`${REPORT}/download/docx`).expect(400);
    await pages.get(`${REPORT}/versions/0/download/pdf`).expect(400);
  });

  it('in German for a German reader, the report’s own words too', async () => {
    pages.signIn(aPerson({ language: 'de' }));
    const res = await pages.get(REPORT).expect(200);
    expect(res.text).toContain('<html lang="de"');
    expect(textOf(res.text)).toContain('1 pünktlich, 0 verspätet, 1 fehlen von 2 Arbeitsgruppen.');
    expect(pages.double(ReportResponder).words).toHaveBeenCalledWith('de');
  });

  it('an unknown cycle is the 404 page', async () => {
    pages.double(CycleService).getFor.mockRejectedValueOnce(new NotFoundError(`cycle ${IDS.cycle} does not exist`));
    const res = await pages.get(REPORT).expect(404);
    expect(textOf(res.text)).toContain('Page not found');
  });
});

describe('Compiled report page of a questionnaire round (route test over engine doubles)', () => {
  let pages: PagesApp;
  const network = compileNetworkReport(networkInput());
  const compiledAt = new Date('2030-06-01T00:00:00Z');
  const round = aCycle({
    name: 'Charter round 2030',
    programme: 'charter',
    template: undefined,
    questionnaire: { key: 'q', version: 1 } as never,
    milestones: [{ key: 'survey', title: 'Self-evaluation', kind: 'final', requestAt: compiledAt, dueAt: compiledAt, compileAt: compiledAt }],
    milestoneState: { survey: { status: 'compiled' } },
  });
  const coverage = { ...aReport(), coverage: { total: 4, onTime: 2, late: 1, missing: 1, byGroup: [] } };
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
    pages.double(CycleService).getFor.mockResolvedValue(round);
    pages
      .double(ReportReadingService)
      .readableNetwork.mockResolvedValue({ network, scope: 'whole', milestoneKey: 'survey', compiledAt, coverage: coverage as never });
    pages.double(ReportPublishingService).list.mockResolvedValue([]);
    pages.double(ReportResponder).networkWords.mockImplementation((lang: string) => networkWordsIn(shippedCatalogs('reports'), lang));
  });

  it('the committee: the network report inline with its charts and tables, the coverage, downloads, publishing, no comparison', async () => {
    const res = await pages.get(REPORT).expect(200);
    expect(pages.double(ReportReadingService).readableNetwork).toHaveBeenCalledWith(expect.objectContaining({ roles: ['committee'] }), IDS.cycle, undefined);
    expect(pages.double(ReportReadingService).readable).not.toHaveBeenCalled();
    const text = textOf(res.text);
    expect(res.text).toContain('<h1>Report: Self-evaluation</h1>');
    expect(text).toContain('2 cities answered on time, 1 late and 1 not at all, of 4 asked.');
    for (const f of ['pdf', 'csv', 'markdown', 'html']) expect(res.text).toContain(`href="/cycles/${IDS.cycle}/report/download/${f}?milestone=survey"`);
    expect(res.text).toContain(`<form method="post" action="/cycles/${IDS.cycle}/report/publish"`);
    expect(res.text).toContain('<input type="hidden" name="milestone" value="survey">');
    expect(res.text).not.toContain('id="compare-title"');
    const body = /<div class="report-document network-report" data-network-report>([\s\S]*)<\/div>\s*<\/main>/.exec(res.text)?.[1] ?? '';
    expect(body).toContain('<svg class="stacked-bar"');
    expect(body).toContain('<table class="distribution">');
    for (const id of ['participation', 'ratings', 'change', 'peer-groups', 'cities', 'good-practices']) expect(body).toContain(`id="network-${id}"`);
    // No inline script or style under the pages' CSP.
    expect(body).not.toMatch(/<script|<style| style="/);
  });

  it('in French for a French reader, the report’s own words too', async () => {
    pages.signIn(aPerson({ language: 'fr' }));
    const res = await pages.get(REPORT).expect(200);
    expect(res.text).toContain('<html lang="fr"');
    expect(textOf(res.text)).toContain('2 villes ont répondu à temps, 1 en retard et 1 pas du tout, sur 4 sollicitées.');
    expect(pages.double(ReportResponder).networkWords).toHaveBeenCalledWith('fr');
  });

  it('a coordinator before publication: told it is not published yet, nothing of it shown, no publishing', async () => {
    pages.signIn(aChair('berlin'));
    pages.double(ReportReadingService).readableNetwork.mockResolvedValue(null);
    const res = await pages.get(REPORT).expect(200);
    expect(textOf(res.text)).toContain("The steering group has not published this round's network report yet.");
    expect(res.text).not.toContain('data-network-report');
    expect(res.text).not.toContain('/report/publish');
  });

  it('a coordinator after publication: the published version, no coverage, no publishing', async () => {
    pages.signIn(aChair('berlin'));
    pages.double(ReportReadingService).readableNetwork.mockResolvedValue({
      network,
      scope: 'published',
      milestoneKey: 'survey',
      compiledAt,
      version: { ...version(1, 'survey'), kind: 'network', json: '{}' },
    });
    const res = await pages.get(REPORT).expect(200);
    expect(res.text).toContain('data-report-scope="published"');
    expect(res.text).toContain('data-network-report');
    expect(res.text).not.toContain('data-coverage');
    expect(res.text).not.toContain('/report/publish');
  });

  it('downloads the network report in the format asked, named after it; a published version as frozen', async () => {
    pages.double(ReportReadingService).readAny.mockResolvedValue({ kind: 'network', network, scope: 'whole', milestoneKey: 'survey', compiledAt });
    pages.double(ReportResponder).sendNetwork.mockImplementation(async (res) => {
      res.type('text/csv');
      return 'city';
    });
    const res = await pages.get(`${REPORT}/download/markdown`).expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="network-report-${IDS.cycle}-survey.md"`);
    expect(pages.double(ReportResponder).sendNetwork).toHaveBeenCalledWith(
      expect.anything(),
      network,
      'markdown',
      `network-report-${IDS.cycle}-survey`,
      'en',
      {},
    );
    pages.double(ReportPublishingService).get.mockResolvedValue({ ...version(1, 'survey'), kind: 'network', json: JSON.stringify(network) });
    await pages.get(`${REPORT}/versions/1/download/csv`).expect(200);
    expect(pages.double(ReportResponder).sendNetwork).toHaveBeenLastCalledWith(
      expect.anything(),
      JSON.parse(JSON.stringify(network)),
      'csv',
      `network-report-${IDS.cycle}-survey-v1`,
      'en',
      { edition: expect.objectContaining({ version: 1 }) },
    );
    expect(pages.double(ReportResponder).send).not.toHaveBeenCalled();
  });
});
