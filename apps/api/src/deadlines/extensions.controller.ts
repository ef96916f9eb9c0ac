import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { dayOrMomentOf } from '@pact/domain';
import { DeadlineService, Principal, TaskQuery } from '@pact/engine';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ExtensionDto } from './extension.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('tasks')
@Controller('tasks')
export class ExtensionsController {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly access: TaskQuery,
  ) {}

  /** The committee grants an extension: every pending timer of the task moves to the new date. */
  @ApiProblems(400, 404, 409)
  @Post(':id/extensions')
  @Roles('committee')
  @ApiBody({ type: ExtensionDto })
  // The operation id it had when the endpoint lived in TasksController: clients generated from the document keep working.
  @ApiOperation({ operationId: 'TasksController_extend' })
  async extend(@Param('id') id: string, @Body() dto: ExtensionDto, @CurrentPrincipal() p: Principal) {
    const actor = p.actor;
    await this.access.toDecide(id, p);
    const task = await this.deadlines.extend(id, dayOrMomentOf(dto.dueAt)!, dto.reason, actor);
    // `warnings`: what the new date means for the compilation (e.g. compiled without this report).
    return { ...task, warnings: await this.deadlines.dueDateWarnings(task) };
  }
}
