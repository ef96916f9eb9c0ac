import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, NotAcceptableException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { reportToCsv, reportToHtml, reportToMarkdown } from '@pact/domain';
import type { Request, Response } from 'express';
import { CompilationService, CycleService, Principal } from '@pact/engine';
import { CycleRecord, EventRepository, TaskRepository } from '@pact/persistence';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { seesAllGroups } from '../auth/task-access';
import { CancelCycleDto, CreateCycleDto, ListCyclesQuery, ListEventsQuery, ListTasksQuery, REPORT_FORMATS, ReportQuery } from './cycle.dto';

const date = (s?: string) => (s === undefined ? undefined : new Date(s));

/** The cycle as the API shows it: the template is summarised, not echoed whole. */
function present(c: CycleRecord) {
  const { template, ...rest } = c;
  return { ...rest, templateKey: template.key, templateName: template.name };
}

@ApiTags('cycles')
@Controller('cycles')
export class CyclesController {
  constructor(
    private readonly cycles: CycleService,
    private readonly compilation: CompilationService,
    private readonly tasks: TaskRepository,
    private readonly events: EventRepository,
  ) {}

  /** The steering committee triggers a monitoring cycle. */
  @Post()
  @Roles('committee')
  @ApiBody({ type: CreateCycleDto })
  async create(@Body() dto: CreateCycleDto, @Actor() actor: string) {
    const cycle = await this.cycles.create(
      {
        name: dto.name,
        start: new Date(dto.start),
        lengthMonths: dto.lengthMonths,
        templateKey: dto.templateKey,
        groups: dto.groups,
        milestones: dto.milestones?.map((m) => ({
          ...m,
          requestAt: date(m.requestAt),
          dueAt: date(m.dueAt),
          compileAt: date(m.compileAt),
        })),
        reminderDaysBeforeDue: dto.reminderDaysBeforeDue,
        escalation: dto.escalation ? { levels: dto.escalation.levels.map((l) => ({ ...l })) } : undefined,
      },
      actor,
    );
    return present(cycle);
  }

  @Get()
  async list(@Query() q: ListCyclesQuery) {
    return (await this.cycles.list(q.status, q.limit ?? 50, q.skip ?? 0)).map(present);
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const cycle = await this.cycles.get(id);
    return { ...present(cycle), progress: await this.cycles.progress(cycle) };
  }

  @Post(':id/cancel')
  @Roles('committee')
  @ApiBody({ type: CancelCycleDto })
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Body() dto: CancelCycleDto, @Actor() actor: string) {
    return present(await this.cycles.cancel(id, dto.reason ?? '', actor));
  }

  /** Every task for the committee and operators; a chair sees only their own groups' tasks. */
  @Get(':id/tasks')
  async listTasks(@Param('id') id: string, @Query() q: ListTasksQuery, @CurrentPrincipal() p: Principal) {
    await this.cycles.get(id);
    let groupKeys = q.group ? [q.group] : undefined;
    if (!seesAllGroups(p)) groupKeys = (groupKeys ?? p.groupKeys).filter((g) => p.groupKeys.includes(g));
    return this.tasks.list(
      { cycleId: id, status: q.status ? [q.status] : undefined, milestoneKey: q.milestone, groupKeys },
      q.limit ?? 100,
      q.skip ?? 0,
    );
  }

  /** The cycle's timeline: the append-only event log. */
  @Get(':id/events')
  @Roles('committee', 'operator')
  async listEvents(@Param('id') id: string, @Query() q: ListEventsQuery) {
    await this.cycles.get(id);
    return this.events.listByCycle(id, { type: q.type, groupKey: q.group }, q.limit ?? 500, q.skip ?? 0);
  }

  /**
   * The compiled report as JSON, Markdown, a standalone HTML page with SVG charts, or CSV (one
   * row per reported item), by the Accept header or ?format=.
   */
  @Get(':id/report')
  async report(@Param('id') id: string, @Query() q: ReportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const report = (await this.compilation.find(id, q.milestone)).report;
    const byAccept: Record<string, (typeof REPORT_FORMATS)[number]> = { 'application/json': 'json', 'text/markdown': 'markdown', 'text/html': 'html', 'text/csv': 'csv' };
    const accepted = req.accepts(Object.keys(byAccept));
    const format = q.format ?? (accepted ? byAccept[accepted] : undefined);
    if (!format) throw new NotAcceptableException('the report is available as application/json, text/markdown, text/html or text/csv');
    res.vary('Accept');
    const name = `report-${id}-${report.milestoneKey}`;
    switch (format) {
      case 'markdown':
        res.type('text/markdown; charset=utf-8');
        return reportToMarkdown(report);
      case 'html':
        res.type('text/html; charset=utf-8');
        return reportToHtml(report);
      case 'csv':
        res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
        return reportToCsv(report);
      default:
        return report;
    }
  }

  @Get(':id/reports')
  async reports(@Param('id') id: string) {
    const cycle = await this.cycles.get(id);
    return (await this.cycles.progress(cycle)).reports;
  }
}
