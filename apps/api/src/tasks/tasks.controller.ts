import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { DeadlineService, SubmissionService } from '@pact/engine';
import { Actor } from '../http/actor';
import { ExtensionDto, SubmissionDto } from './task.dto';

@Controller('tasks')
export class TasksController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly deadlines: DeadlineService,
  ) {}

  /** The task with every revision and its timeline (requested, reminded, escalated, extended, submitted). */
  @Get(':id')
  get(@Param('id') id: string) {
    return this.submissions.view(id);
  }

  @Post(':id/submissions')
  submit(@Param('id') id: string, @Body() dto: SubmissionDto, @Actor() actor: string) {
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
  @Post(':id/extensions')
  extend(@Param('id') id: string, @Body() dto: ExtensionDto, @Actor() actor: string) {
    return this.deadlines.extend(id, new Date(dto.dueAt), dto.reason, actor);
  }
}
