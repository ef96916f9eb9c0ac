import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CompilationService, CycleService, Principal } from '@pact/engine';
import { CycleRecord, EventRepository, TaskRepository } from '@pact/persistence';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { seesAllGroups } from '../auth/task-access';
import { CancelCycleDto, CreateCycleDto, ListCyclesQuery, ListEventsQuery, ListTasksQuery, ReportQuery } from './cycle.dto';

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

  @Get(':id/report')
  async report(@Param('id') id: string, @Query() q: ReportQuery) {
    return (await this.compilation.find(id, q.milestone)).report;
  }

  @Get(':id/reports')
  async reports(@Param('id') id: string) {
    const cycle = await this.cycles.get(id);
    return (await this.cycles.progress(cycle)).reports;
  }
}
