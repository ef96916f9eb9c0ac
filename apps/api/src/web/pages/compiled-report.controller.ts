import { BadRequestException, Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { compareReports, ImplementationReport, isQuestionnaireRound, NetworkReport, networkReportBodyHtml, reportBodyHtml } from '@pact/domain';
import { CycleService, ReportPublishingService, ReportReadingService } from '@pact/engine';
import type { Response } from 'express';
import { ReportResponder } from '../../reports/report-responder';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { compiledReportView, REPORT_VERSION } from './compiled-report-view';

const DOWNLOADS = ['pdf', 'csv', 'markdown', 'html'] as const;
type Download = (typeof DOWNLOADS)[number];
const MILESTONE_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

const milestoneOf = (v: unknown) => (typeof v === 'string' && MILESTONE_KEY.test(v) ? v : undefined);

/**
 * A cycle's compiled report as a page: the report itself inline (its content, styled by the
 * pages' stylesheet: the pages' CSP allows no inline style, and the report's body has none),
 * downloads, the published versions (each downloadable exactly as frozen), publishing a new
 * version (committee), and a comparison with another cycle's report (compareReports, as
 * GET /api/reports/compare). Readable by every role, as the API's reports are. A questionnaire
 * round (the Charter's) shows its network report instead (charts, each with its table), with its
 * coverage for the committee; it carries its own change since the previous round, so no comparison.
 */
@PageController('cycles')
export class CompiledReportPageController {
  constructor(
    private readonly cycles: CycleService,
    private readonly reading: ReportReadingService,
    private readonly publishing: ReportPublishingService,
    private readonly responder: ReportResponder,
  ) {}

  @Get(':id/report')
  async report(@Page() page: PageState, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const key = milestoneOf(q.milestone);
    const cycle = await this.cycles.getFor(page.person!, id);
    if (isQuestionnaireRound(cycle)) return this.networkReport(page, cycle, key, q, res);
    // Who reads what (ReportReadingService): a chair reads their group's part until a version is published.
    const found = await this.reading.readable(page.person!, id, key);
    const title = t('report.title', { milestone: found?.report.milestoneTitle ?? cycle.milestones.find((m) => m.key === key)?.title ?? cycle.name });
    const isCommittee = page.person!.roles.includes('committee');
    if (!found) return res.render('pages/compiled-report', { title, cycle, report: null, downloads: DOWNLOADS, isCommittee });

    const report = found.report;
    const view = compiledReportView({
      cycleId: id,
      milestoneKey: report.milestoneKey,
      // Compared with the same programme's cycles only.
      cycles: await this.cycles.list(page.person!, { programme: cycle.programme }, 100, 0),
      versions: await this.publishing.list(id),
      query: q,
      t,
    });
    const other = view.compareWith;
    let comparison: { other: { id: string; name: string }; change: ReturnType<typeof compareReports> } | null = null;
    if (other) {
      const [theirs, ours] = await this.reading.readPair(
        page.person!,
        { cycleId: other.id, milestoneKey: other.milestoneKey },
        { cycleId: id, milestoneKey: key },
      );
      comparison = { other: { id: other.id, name: other.name }, change: compareReports(theirs.report, ours.report) };
    }
    res.status(view.errors.length ? 400 : 200).render('pages/compiled-report', {
      title,
      cycle,
      report,
      reportHtml: reportBodyHtml(page.i18n.texts(report), this.responder.words(page.lang)),
      scope: found.scope,
      readVersion: found.version ? { version: found.version.version, publishedAt: found.version.publishedAt } : null,
      downloads: DOWNLOADS,
      isCommittee,
      ...view,
      comparison,
    });
  }

  /** A round's network report as a page: a coordinator reads it once published (ReportReadingService.readableNetwork). */
  private async networkReport(
    page: PageState,
    cycle: Awaited<ReturnType<CycleService['getFor']>>,
    key: string | undefined,
    q: Record<string, unknown>,
    res: Response,
  ) {
    const t = page.i18n.t;
    const found = await this.reading.readableNetwork(page.person!, cycle.id, key);
    const milestone = cycle.milestones.find((m) => m.key === (found?.milestoneKey ?? key)) ?? cycle.milestones[cycle.milestones.length - 1];
    const title = t('report.title', { milestone: milestone?.title ?? cycle.name });
    const isCommittee = page.person!.roles.includes('committee');
    const common = { title, cycle, downloads: DOWNLOADS, isCommittee };
    if (!found) {
      // Compiled but not for this reader yet (a coordinator before publication), or not compiled.
      const compiled = cycle.milestoneState[milestone?.key ?? '']?.status === 'compiled';
      return res.render('pages/network-report', { ...common, network: null, notice: compiled ? 'report.networkNotPublished' : 'report.notCompiled' });
    }
    const view = compiledReportView({
      cycleId: cycle.id,
      milestoneKey: found.milestoneKey,
      cycles: [],
      versions: await this.publishing.list(cycle.id),
      query: q,
      t,
    });
    res.render('pages/network-report', {
      ...common,
      network: found.network,
      milestoneKey: found.milestoneKey,
      compiledAt: found.compiledAt,
      coverage: found.coverage?.coverage ?? null,
      scope: found.scope,
      readVersion: found.version ? { version: found.version.version, publishedAt: found.version.publishedAt } : null,
      reportHtml: networkReportBodyHtml(page.i18n.texts(found.network), this.responder.networkWords(page.lang)),
      versions: view.versions,
      published: view.published,
    });
  }

  /** Freezes the report shown as the cycle's next version; publishing unchanged content names the version that has it. */
  @Post(':id/report/publish')
  @PageRoles('committee')
  async publish(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const key = milestoneOf(body.milestone);
    await this.cycles.getFor(page.person!, id, 'decide');
    const { version, created } = await this.publishing.publish(id, key, page.person!.actor);
    res.redirect(
      303,
      `/cycles/${id}/report?milestone=${encodeURIComponent(version.milestoneKey)}&published=${version.version}&created=${created ? 1 : 0}#versions`,
    );
  }

  /** The report as a file, in the formats the API serves (the web page as a file too: it brings its own styles). */
  @Get(':id/report/download/:format')
  async download(
    @Page() page: PageState,
    @Param('id') id: string,
    @Param('format') format: string,
    @Query('milestone') milestone: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!(DOWNLOADS as readonly string[]).includes(format)) throw new BadRequestException(`format: one of ${DOWNLOADS.join(', ')}`);
    const found = await this.reading.readAny(page.person!, id, milestoneOf(milestone));
    const name = found.kind === 'network' ? `network-report-${id}-${found.milestoneKey}` : `report-${id}-${found.report.milestoneKey}`;
    if (format === 'html') res.attachment(`${name}.html`);
    if (format === 'markdown') res.attachment(`${name}.md`);
    if (found.kind === 'network') {
      const edition = found.version && { version: found.version.version, publishedAt: found.version.publishedAt, publishedBy: found.version.publishedBy };
      return this.responder.sendNetwork(res, found.network, format as Download, name, page.lang, edition ? { edition } : {});
    }
    return this.responder.send(res, found.report, format as Download, name, page.lang);
  }

  /** A published version as a file, exactly as it was frozen, with its edition line. */
  @Get(':id/report/versions/:n/download/:format')
  async downloadVersion(
    @Page() page: PageState,
    @Param('id') id: string,
    @Param('n') n: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!REPORT_VERSION.test(n)) throw new BadRequestException('n: a version number (1, 2, …)');
    if (!(DOWNLOADS as readonly string[]).includes(format)) throw new BadRequestException(`format: one of ${DOWNLOADS.join(', ')}`);
    await this.cycles.getFor(page.person!, id);
    const v = await this.publishing.get(id, Number(n));
    const name = `${v.kind === 'network' ? 'network-report' : 'report'}-${id}-${v.milestoneKey}-v${v.version}`;
    if (format === 'html') res.attachment(`${name}.html`);
    if (format === 'markdown') res.attachment(`${name}.md`);
    const edition = { version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy };
    if (v.kind === 'network') return this.responder.sendNetwork(res, JSON.parse(v.json) as NetworkReport, format as Download, name, page.lang, { edition });
    return this.responder.send(res, JSON.parse(v.json) as ImplementationReport, format as Download, name, page.lang, { edition });
  }
}
