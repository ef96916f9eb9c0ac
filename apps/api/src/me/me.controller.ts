import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { InboxQuery, Principal } from '@pact/engine';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ApiProblems } from '../http/problem-details';

export class InboxListQuery {
  /** open: waiting and not yet due; overdue: past due; default both. */
  @IsOptional() @IsIn(['open', 'overdue']) status?: 'open' | 'overdue';
  @IsOptional() @IsISO8601({ strict: true }) dueBefore?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) skip?: number;
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly inboxQuery: InboxQuery) {}

  @Get()
  me(@CurrentPrincipal() p: Principal) {
    return { id: p.userId, name: p.name, email: p.email, roles: p.roles, groupKeys: p.groupKeys };
  }

  /** The chair's inbox: report requests of their groups still waiting for them, soonest first. */
  @ApiProblems(400)
  @Get('tasks')
  inbox(@CurrentPrincipal() p: Principal, @Query() q: InboxListQuery) {
    return this.inboxQuery.list(p.groupKeys, { status: q.status, dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined, limit: q.limit, skip: q.skip });
  }
}
