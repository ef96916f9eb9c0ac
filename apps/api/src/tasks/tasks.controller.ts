import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param } from '@nestjs/common';
import { Principal, SubmissionService, TaskQuery } from '@pact/engine';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ApiProblems } from '../http/problem-details';

/**
 * A task as a whole. Submitting a report on it is in ../submissions, its due date (extensions,
 * requests for more time) in ../deadlines.
 */
@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly access: TaskQuery,
  ) {}

  /** The task with every revision and its timeline (requested, reminded, escalated, extended, submitted). */
  @ApiProblems(404)
  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.access.visible(id, p, 'read');
    return this.submissions.view(id);
  }
}
