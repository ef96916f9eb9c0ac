import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { ImplementationReport, NetworkReport } from '@pact/domain';
import type { Request, Response } from 'express';
import { CycleQuery, CycleService, InvalidError, PACT_CONFIG, PactConfig, Principal, ReportPublishingService, ReportReadingService } from '@pact/engine';
import { apiLanguage } from '../http/api-language';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../http/api-paths';
import { ReportResponder, REPORT_MEDIA_TYPES } from '../reports/report-responder';
import {
  CancelCycleDto,
  CreateCycleDto,
  createCycleCommandOf,
  ListCyclesQuery,
  ListEventsQuery,
  ListTasksQuery,
  PublishReportQuery,
  ReportQuery,
  VersionQuery,
} from './cycle.dto';
import { ApiProblems } from '../http/problem-details';

const REPORT_PRODUCES = Object.values(REPORT_MEDIA_TYPES);
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;
/** Each format the report is served as, for the OpenAPI document. */
const REPORT_CONTENT = {
  'application/json': {
    schema: { type: 'object', description: 'The compiled report, with its timeline; of a questionnaire round (X-Report-Kind: network), its network report' },
  },
  'text/markdown': { schema: { type: 'string' } },
  'text/html': { schema: { type: 'string', description: 'A standalone page with SVG charts and the timeline, no scripts, prints on A4' } },
  'text/csv': { schema: { type: 'string', description: 'One row per reported item' } },
  'application/pdf': { schema: { type: 'string', format: 'binary', description: 'The HTML page printed to A4 by headless Chromium' } },
};
const PDF_UNAVAILABLE = 'PDF only: Chromium is not available (the message says why) or too many PDFs are being rendered';

/** The cycle as the API shows it: the template or questionnaire is summarised, not echoed whole. */
function present(c: Awaited<ReturnType<CycleService['get']>>) {
  const { template, questionnaire, startRequest, ...rest } = c;
  return {
    ...rest,
    ...(template ? { templateKey: template.key, templateName: template.name } : {}),
    ...(questionnaire ? { questionnaireKey: questionnaire.key, questionnaireVersion: questionnaire.version, questionnaireName: questionnaire.name } : {}),
  };
}

@ApiTags('cycles')
@Controller('cycles')
export class CyclesController {
  constructor(
    private readonly cycles: CycleService,
    private readonly query: CycleQuery,
    private readonly publishing: ReportPublishingService,
    private readonly responder: ReportResponder,
    private readonly reading: ReportReadingService,
    @Inject(PACT_CONFIG) private readonly pact: PactConfig,
  ) {}

  /** The steering committee triggers a monitoring cycle. */
  @ApiProblems(400, 409)
  @Post()
  @Roles('committee')
  @ApiBody({ type: CreateCycleDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 200 letters, digits, "-", "_", ".", ":". The same key sent again by the same person with the same body (a retry after a lost answer) starts nothing new and answers with the cycle it started first; with another body, 409.',
  })
  async create(@Body() dto: CreateCycleDto, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') idempotencyKey?: string) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw InvalidError.fromMessages(['Idempotency-Key: up to 200 letters, digits, "-", "_", ".", ":"']);
    }
    const cycle = await this.cycles.create(createCycleCommandOf(dto), p, { idempotencyKey });
    return present(cycle);
  }

  @ApiProblems(400)
  @Get()
  async list(@Query() q: ListCyclesQuery, @CurrentPrincipal() p: Principal) {
    return (await this.cycles.list(p, { status: q.status, programme: q.programme }, q.limit ?? 50, q.skip ?? 0)).map(present);
  }

  @ApiProblems(404)
  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    const cycle = await this.cycles.getFor(p, id);
    return { ...present(cycle), progress: await this.cycles.progress(cycle) };
  }

  @ApiProblems(400, 404, 409)
  @Post(':id/cancel')
  @Roles('committee')
  @ApiBody({ type: CancelCycleDto })
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Body() dto: CancelCycleDto, @CurrentPrincipal() p: Principal) {
    return present(await this.cycles.cancel(id, dto.reason ?? '', p));
  }

  /** Every task for the committee and operators; a chair sees only their own groups' tasks. */
  @ApiProblems(400, 404)
  @Get(':id/tasks')
  async listTasks(@Param('id') id: string, @Query() q: ListTasksQuery, @CurrentPrincipal() p: Principal) {
    return this.query.tasksOf(id, { status: q.status, milestoneKey: q.milestone, groupKey: q.group }, p, { limit: q.limit ?? 100, skip: q.skip ?? 0 });
  }

  /** The cycle's timeline: the append-only event log. */
  @ApiProblems(400, 404)
  @Get(':id/events')
  @Roles('committee', 'operator')
  async listEvents(@Param('id') id: string, @Query() q: ListEventsQuery, @CurrentPrincipal() p: Principal) {
    return this.query.eventsOf(id, { type: q.type, groupKey: q.group }, p, { limit: q.limit ?? 500, skip: q.skip ?? 0 });
  }

  /**
   * The compiled report as JSON, Markdown, a standalone HTML page with SVG charts, CSV (one
   * row per reported item) or that page printed to an A4 PDF, by the Accept header or ?format=.
   * A questionnaire round (the Charter's) answers with its network report in the same formats
   * (X-Report-Kind: network): its committee and operators read it compiled, its coordinators once published.
   */
  @ApiProblems(400, 404)
  @Get(':id/report')
  @ApiProduces(...REPORT_PRODUCES)
  @ApiOkResponse({ description: 'The compiled report in the negotiated format (JSON, Markdown, HTML, CSV or PDF)', content: REPORT_CONTENT })
  @ApiServiceUnavailableResponse({ description: PDF_UNAVAILABLE })
  async report(
    @Param('id') id: string,
    @Query() q: ReportQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() p: Principal,
  ) {
    const format = this.responder.format(req, q.format);
    // Who reads what (ReportReadingService): before publication a chair gets their group's part, after it the published version;
    // a round's coordinator reads its network report once published.
    const found = await this.reading.readAny(p, id, q.milestone);
    res.setHeader('X-Report-Scope', found.scope);
    const language = apiLanguage(req, this.pact.languages.fallback);
    if (found.kind === 'network') {
      const { network, milestoneKey, version } = found;
      if (!version) return this.responder.sendNetwork(res, network, format, `network-report-${id}-${milestoneKey}`, language);
      res.setHeader('X-Report-Version', String(version.version)).setHeader('X-Report-SHA256', version.sha256);
      return this.responder.sendNetwork(res, network, format, `network-report-${id}-${milestoneKey}-v${version.version}`, language, {
        json: version.json,
        edition: { version: version.version, publishedAt: version.publishedAt, publishedBy: version.publishedBy },
      });
    }
    const { report, version: v } = found;
    if (!v) return this.responder.send(res, report, format, `report-${id}-${report.milestoneKey}`, language);
    res.setHeader('X-Report-Version', String(v.version)).setHeader('X-Report-SHA256', v.sha256);
    return this.responder.send(res, report, format, `report-${id}-${v.milestoneKey}-v${v.version}`, language, {
      json: v.json,
      edition: { version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy },
    });
  }

  /**
   * Freezes the current compiled report as the cycle's next version (1, 2, …). Publishing
   * content already published returns that version (200) instead of creating another (201).
   */
  @ApiProblems(400, 404, 409)
  @Post(':id/report/publish')
  @Roles('committee')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'A new version was published' })
  @ApiOkResponse({ description: 'Nothing changed since this version was published: it is returned' })
  async publish(@Param('id') id: string, @Query() q: PublishReportQuery, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    await this.cycles.getFor(p, id, 'decide');
    const { version, created } = await this.publishing.publish(id, q.milestone, p.actor);
    res.status(created ? 201 : 200).location(`${API_PREFIX}/cycles/${id}/report/versions/${version.version}`);
    return { ...version, created };
  }

  /** The published versions of the cycle's reports, oldest first (without their content). */
  @ApiProblems(404)
  @Get(':id/report/versions')
  async versions(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.cycles.getFor(p, id);
    return this.publishing.list(id);
  }

  /** One published version, exactly as frozen, in any format of the live report. */
  @ApiProblems(400, 404)
  @Get(':id/report/versions/:n')
  @ApiProduces(...REPORT_PRODUCES)
  @ApiOkResponse({ description: 'The published version in the negotiated format; JSON is the exact text published', content: REPORT_CONTENT })
  @ApiServiceUnavailableResponse({ description: PDF_UNAVAILABLE })
  async version(
    @Param('id') id: string,
    @Param('n') n: string,
    @Query() q: VersionQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() p: Principal,
  ) {
    if (!/^[1-9]\d{0,8}$/.test(n)) throw new InvalidError([{ path: 'n', message: 'a version number (1, 2, …)' }]);
    await this.cycles.getFor(p, id);
    const format = this.responder.format(req, q.format);
    const v = await this.publishing.get(id, Number(n));
    res.setHeader('X-Report-Version', String(v.version)).setHeader('X-Report-SHA256', v.sha256);
    const edition = { version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy };
    if (v.kind === 'network') {
      const name = `network-report-${id}-${v.milestoneKey}-v${v.version}`;
      return this.responder.sendNetwork(res, JSON.parse(v.json) as NetworkReport, format, name, apiLanguage(req, this.pact.languages.fallback), {
        json: v.json,
        edition,
      });
    }
    const report = JSON.parse(v.json) as ImplementationReport;
    return this.responder.send(res, report, format, `report-${id}-${v.milestoneKey}-v${v.version}`, apiLanguage(req, this.pact.languages.fallback), {
      json: v.json,
      edition: { version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy },
    });
  }

  @ApiProblems(404)
  @Get(':id/reports')
  async reports(@Param('id') id: string) {
    const cycle = await this.cycles.get(id);
    return (await this.cycles.progress(cycle)).reports;
  }
}
