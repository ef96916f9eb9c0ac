import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { dayOrMomentOf } from '@pact/domain';
import { DeadlineService, ExtensionRequestService, InvalidError, Principal, TaskQuery } from '@pact/engine';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../http/problem-details';
import { ExtensionDecisionDto, ExtensionRequestDto, ExtensionRequestListQuery } from './extension-request.dto';

/**
 * Extension requests: the chair of a task's group asks for a new due date, the committee
 * grants or refuses it (a grant moves every timer, like POST /api/tasks/:id/extensions).
 */
@ApiTags('tasks')
@Controller()
export class ExtensionRequestsController {
  constructor(
    private readonly requests: ExtensionRequestService,
    private readonly access: TaskQuery,
    private readonly deadlines: DeadlineService,
  ) {}

  /** The chair of the task's group proposes a new due date and says why (one pending request at a time). */
  @ApiProblems(400, 404, 409)
  @Post('tasks/:id/extension-requests')
  @Roles('chair')
  @ApiBody({ type: ExtensionRequestDto })
  async request(@Param('id') id: string, @Body() dto: ExtensionRequestDto, @Actor() actor: string, @CurrentPrincipal() p: Principal) {
    await this.access.visible(id, p, 'submit');
    return this.requests.request(id, dayOrMomentOf(dto.proposedDueAt)!, dto.reason, actor);
  }

  /** Requests waiting for the committee's decision, oldest first, with their task, group and cycle names. */
  @ApiProblems(400)
  @Get('extension-requests')
  @Roles('committee', 'operator')
  list(@Query() q: ExtensionRequestListQuery, @CurrentPrincipal() p: Principal) {
    return this.requests.pending({ cycleId: q.cycleId }, p);
  }

  /** The committee grants (moving every timer to the new date) or refuses a pending request. */
  @ApiProblems(400, 404, 409)
  @Post('tasks/:id/extension-requests/:requestId/decision')
  @Roles('committee')
  @HttpCode(200)
  @ApiBody({ type: ExtensionDecisionDto })
  async decide(@Param('id') id: string, @Param('requestId') requestId: string, @Body() dto: ExtensionDecisionDto, @CurrentPrincipal() p: Principal) {
    const actor = p.actor;
    await this.access.toDecide(id, p);
    if (!dto.grant && dto.dueAt !== undefined) throw new InvalidError([{ path: 'dueAt', message: 'only a grant sets a due date' }]);
    const decided = await this.requests.decide(
      id,
      requestId,
      { grant: dto.grant, dueAt: dto.dueAt ? dayOrMomentOf(dto.dueAt)! : undefined, reason: dto.reason },
      actor,
    );
    // A grant's answer says what the new date means for the compilation (`warnings`), as an extension's does.
    return { ...decided, warnings: dto.grant ? await this.deadlines.dueDateWarnings(decided.task) : [] };
  }
}
