import { ApiBody, ApiTags } from '@nestjs/swagger';
import { BadRequestException, Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Principal, WorkingGroupService } from '@pact/engine';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { AddWorkingGroupDto, ListWorkingGroupsQuery, UpdateWorkingGroupDto } from './working-group.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('working groups')
@Controller('working-groups')
export class WorkingGroupsController {
  constructor(private readonly groups: WorkingGroupService) {}

  /**
   * Every group of the caller's programmes (or one programme's, ?programme=); other groups'
   * chairs by name only for a chair (contact details are the committee's and operators').
   */
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: ListWorkingGroupsQuery) {
    return this.groups.listFor(p, q.programme);
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
  update(@Param('key') key: string, @Body() dto: UpdateWorkingGroupDto, @CurrentPrincipal() p: Principal) {
    if (!dto.chair && dto.goal === undefined) throw new BadRequestException({ statusCode: 400, message: ['body: give chair and/or goal'] });
    return this.groups.update(key, { chair: dto.chair ? { ...dto.chair } : undefined, goal: dto.goal }, p);
  }

  /** The committee adds a participant to its programme (a city signs the Charter); its chair or coordinator gets an account and a welcome. */
  @ApiProblems(400, 404, 409)
  @Post()
  @Roles('committee')
  @ApiBody({ type: AddWorkingGroupDto })
  add(@Body() dto: AddWorkingGroupDto, @CurrentPrincipal() p: Principal) {
    return this.groups.add({ ...dto, chair: { ...dto.chair } }, p);
  }

  /** The committee retires a participant: new cycles leave it out, past cycles keep it. */
  @ApiProblems(404, 409)
  @Post(':key/retire')
  @Roles('committee')
  @HttpCode(200)
  retire(@Param('key') key: string, @CurrentPrincipal() p: Principal) {
    return this.groups.retire(key, p);
  }
}
