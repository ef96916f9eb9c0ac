import { ApiBody, ApiTags } from '@nestjs/swagger';
import { BadRequestException, Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { Principal, WorkingGroupService } from '@pact/engine';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { UpdateWorkingGroupDto } from './working-group.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('working groups')
@Controller('working-groups')
export class WorkingGroupsController {
  constructor(private readonly groups: WorkingGroupService) {}

  /** Every group; other groups' chairs by name only for a chair (contact details are the committee's and operators'). */
  @Get()
  list(@CurrentPrincipal() p: Principal) {
    return this.groups.listFor(p);
  }

  @ApiProblems(404)
  @Get(':key')
  get(@Param('key') key: string, @CurrentPrincipal() p: Principal) {
    return this.groups.getFor(p, key);
  }

  /** The committee names a new chair (or rewords the group's goal). */
  @ApiProblems(400, 404, 409)
  @Patch(':key')
  @Roles('committee')
  @ApiBody({ type: UpdateWorkingGroupDto })
  update(@Param('key') key: string, @Body() dto: UpdateWorkingGroupDto, @Actor() actor: string) {
    if (!dto.chair && dto.goal === undefined) throw new BadRequestException({ statusCode: 400, message: ['body: give chair and/or goal'] });
    return this.groups.update(key, { chair: dto.chair ? { ...dto.chair } : undefined, goal: dto.goal }, actor);
  }
}
