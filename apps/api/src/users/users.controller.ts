import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { IdentityService, Principal } from '@pact/engine';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { CreateUserDto, IssueTokenDto } from './user.dto';
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
  create(@Body() dto: CreateUserDto, @Actor() actor: string) {
    return this.identity.createUser({ name: dto.name, email: dto.email, roles: dto.roles, groupKeys: dto.groupKeys, language: dto.language, timeZone: dto.timeZone }, actor);
  }

  @Get('users')
  @Roles('committee', 'operator')
  list() {
    return this.identity.listUsers();
  }

  /** A new API token, shown once in the answer; only its hash is kept. */
  @ApiProblems(400, 404)
  @Post('users/:id/tokens')
  @Roles('committee')
  @ApiBody({ type: IssueTokenDto })
  issue(@Param('id') id: string, @Body() dto: IssueTokenDto, @Actor() actor: string) {
    return this.identity.issueToken(id, dto.name, dto.expiresInDays ?? 365, actor);
  }

  @ApiProblems(404)
  @Get('users/:id/tokens')
  @Roles('committee')
  tokens(@Param('id') id: string) {
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
