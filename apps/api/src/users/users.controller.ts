import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { IdentityService, Principal } from '@pact/engine';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { CreateUserDto, IssueTokenDto, UpdateUserDto } from './user.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('users and tokens')
@Controller()
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

  /** The committee registers chairs (bound to their groups), operators and fellow members. */
  @ApiProblems(400, 409)
  @Post('users')
  @Roles('committee')
  @ApiBody({ type: CreateUserDto })
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() p: Principal) {
    return this.identity.createUser(
      {
        name: dto.name,
        email: dto.email,
        roles: dto.roles,
        groupKeys: dto.groupKeys,
        committeeOf: dto.committeeOf,
        language: dto.language,
        timeZone: dto.timeZone,
      },
      p.actor,
      p,
    );
  }

  @Get('users')
  @Roles('committee', 'operator')
  list(@CurrentPrincipal() p: Principal) {
    return this.identity.listUsersFor(p);
  }

  /**
   * The committee changes a person's name, roles, working groups, language or time zone (only the
   * fields sent). 400 names the field; 409 when the last active committee member would lose the
   * role or the account changed meanwhile. A chair's named group is changed on the working group.
   */
  @ApiProblems(400, 404, 409)
  @Patch('users/:id')
  @Roles('committee')
  @ApiBody({ type: UpdateUserDto })
  update(@Param('id') id: string, @Body() dto: UpdateUserDto, @CurrentPrincipal() p: Principal) {
    return this.identity.updateUser(
      id,
      { name: dto.name, roles: dto.roles, groupKeys: dto.groupKeys, committeeOf: dto.committeeOf, language: dto.language, timeZone: dto.timeZone },
      p.actor,
      p,
    );
  }

  /**
   * Disables a person at once: their sessions, sign-in links, API tokens and calendar feed are
   * refused from now on (401), they get no e-mail; their name stays in the history. 409 for
   * oneself and for the last active committee member. Disabling twice changes nothing.
   */
  @ApiProblems(404, 409)
  @Post('users/:id/disable')
  @HttpCode(200)
  @Roles('committee')
  disable(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.identity.disableUser(id, principal);
  }

  /** Lets a disabled person sign in again; their unexpired, unrevoked API tokens work again. */
  @ApiProblems(404)
  @Post('users/:id/enable')
  @HttpCode(200)
  @Roles('committee')
  async enable(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.identity.getUserFor(p, id);
    return this.identity.enableUser(id, p.actor);
  }

  /** A new API token, shown once in the answer; only its hash is kept. */
  @ApiProblems(400, 404)
  @Post('users/:id/tokens')
  @Roles('committee')
  @ApiBody({ type: IssueTokenDto })
  async issue(@Param('id') id: string, @Body() dto: IssueTokenDto, @CurrentPrincipal() p: Principal) {
    await this.identity.getUserFor(p, id);
    return this.identity.issueToken(id, dto.name, dto.expiresInDays ?? 365, p.actor);
  }

  @ApiProblems(404)
  @Get('users/:id/tokens')
  @Roles('committee')
  async tokens(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.identity.getUserFor(p, id);
    return this.identity.listTokens(id);
  }

  /** The committee revokes any token, anyone else their own. */
  @ApiProblems(404)
  @Delete('tokens/:id')
  @HttpCode(204)
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    await this.identity.revokeToken(id, principal);
  }
}
