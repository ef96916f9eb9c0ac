import { BadRequestException, Get, Param, Query, Res } from '@nestjs/common';
import { CompilationService, CycleService, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { ReportResponder } from '../../reports/report-responder';
import { Page, PageController } from '../page.decorators';
import type { PageState } from '../page-state';

const DOWNLOADS = ['pdf', 'csv', 'markdown', 'html'] as const;
type Download = (typeof DOWNLOADS)[number];
const MILESTONE_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The cycles as pages, readable by every role (as in the API): the list, a cycle with its
 * milestones and report requests by state, and its compiled report with downloads. Links in
 * e-mails ("the cycle", "read it here") open these.
 */
@PageController('cycles')
export class CyclePagesController {
  constructor(
    private readonly cycles: CycleService,
    private readonly compilation: CompilationService,
    private readonly groups: WorkingGroupService,
    private readonly responder: ReportResponder,
  ) {}

  @Get()
  async list(@Page() page: PageState, @Res() res: Response) {
    res.render('pages/cycles', { title: page.i18n.t('cycles.title'), cycles: await this.cycles.list(undefined, 100, 0) });
  }

  @Get(':id')
  async show(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    const cycle = await this.cycles.get(id);
    const progress = await this.cycles.progress(cycle);
    res.render('pages/cycle', { title: cycle.name, cycle, progress });
  }

  @Get(':id/report')
  async report(@Page() page: PageState, @Param('id') id: string, @Query('milestone') milestone: unknown, @Res() res: Response) {
    const key = typeof milestone === 'string' && MILESTONE_KEY.test(milestone) ? milestone : undefined;
    const cycle = await this.cycles.get(id);
    const found = await this.compilation.findIfCompiled(id, key);
    const title = page.i18n.t('report.title', { milestone: found?.report.milestoneTitle ?? cycle.milestones.find((m) => m.key === key)?.title ?? cycle.name });
    res.render('pages/report', { title, cycle, report: found?.report ?? null, downloads: DOWNLOADS });
  }

  /** The report as a file, in the formats the API serves (the web page as a file too: it brings its own styles). */
  @Get(':id/report/download/:format')
  async download(@Param('id') id: string, @Param('format') format: string, @Query('milestone') milestone: unknown, @Res({ passthrough: true }) res: Response) {
    if (!(DOWNLOADS as readonly string[]).includes(format)) throw new BadRequestException(`format: one of ${DOWNLOADS.join(', ')}`);
    const key = typeof milestone === 'string' && MILESTONE_KEY.test(milestone) ? milestone : undefined;
    const report = (await this.compilation.find(id, key)).report;
    const name = `report-${id}-${report.milestoneKey}`;
    if (format === 'html') res.attachment(`${name}.html`);
    if (format === 'markdown') res.attachment(`${name}.md`);
    return this.responder.send(res, report, format as Download, name);
  }
}
