import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { DeadlineService, Principal, SubmissionService, TaskQuery } from '@pact/engine';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ExtensionDto, SubmissionDto } from './task.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly deadlines: DeadlineService,
    private readonly access: TaskQuery,
  ) {}

  /** The task with every revision and its timeline (requested, reminded, escalated, extended, submitted). */
  @ApiProblems(404)
  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.access.visible(id, p, 'read');
    return this.submissions.view(id);
  }

  /** Only the chair of the task's own group submits; any other group's task is a 404. */
  @ApiProblems(400, 404, 409)
  @Post(':id/submissions')
  @Roles('chair')
  @ApiBody({ type: SubmissionDto })
  async submit(@Param('id') id: string, @Body() dto: SubmissionDto, @Actor() actor: string, @CurrentPrincipal() p: Principal) {
    await this.access.visible(id, p, 'submit');
    return this.submissions.submit(
      id,
      {
        measures: dto.measures.map((m) => ({ title: m.title, status: m.status, ...(m.description ? { description: m.description } : {}) })),
        indicators: dto.indicators.map((i) => ({ key: i.key, name: i.name, unit: i.unit, baseline: i.baseline, target: i.target, actual: i.actual })),
        goodPractices: dto.goodPractices ?? [],
        obstacles: dto.obstacles ?? [],
        recommendations: dto.recommendations ?? [],
      },
      actor,
    );
  }

  /** The committee grants an extension: every pending timer of the task moves to the new date. */
  @ApiProblems(400, 404, 409)
  @Post(':id/extensions')
  @Roles('committee')
  @ApiBody({ type: ExtensionDto })
  extend(@Param('id') id: string, @Body() dto: ExtensionDto, @Actor() actor: string) {
    return this.deadlines.extend(id, new Date(dto.dueAt), dto.reason, actor);
  }
}
