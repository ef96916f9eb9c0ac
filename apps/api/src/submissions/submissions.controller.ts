import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { Principal, SubmissionService, TaskQuery } from '@pact/engine';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { AnswersDto, SubmissionDto } from './submission.dto';
import { ApiProblems } from '../http/problem-details';

/**
 * A chair's report on a task: each submission is a new revision, validated against the cycle's
 * template by SubmissionService. Revisions are read with their task (GET /api/tasks/:id).
 */
@ApiTags('tasks')
@Controller('tasks')
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly access: TaskQuery,
  ) {}

  /** Only the chair of the task's own group submits; any other group's task is a 404. */
  @ApiProblems(400, 404, 409)
  @Post(':id/submissions')
  @Roles('chair')
  @ApiBody({ type: SubmissionDto })
  // The operation id it had when the endpoint lived in TasksController: clients generated from the document keep working.
  @ApiOperation({ operationId: 'TasksController_submit' })
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

  /**
   * A participant's answers to a questionnaire round (the Charter's self-evaluation), stored as
   * the task's next revision; declining is an answer (take part: no). A report round's task
   * refuses answers (400), as a round's task refuses a report.
   */
  @ApiProblems(400, 404, 409)
  @Post(':id/answers')
  @Roles('chair')
  @ApiBody({ type: AnswersDto })
  async answer(@Param('id') id: string, @Body() dto: AnswersDto, @Actor() actor: string, @CurrentPrincipal() p: Principal) {
    await this.access.visible(id, p, 'submit');
    return this.submissions.submitAnswers(id, dto.answers, actor);
  }
}
