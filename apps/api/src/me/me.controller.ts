import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { InboxQuery, Principal } from '@pact/engine';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { PaginationQuery } from '../http/pagination.dto';
import { ApiProblems } from '../http/problem-details';

/** Paged like every other listing (limit 1–500, skip at most 1,000,000). */
export class InboxListQuery extends PaginationQuery {
  /** open: waiting and not yet due; overdue: past due; default both. */
  @IsOptional() @IsIn(['open', 'overdue']) status?: 'open' | 'overdue';
  @IsOptional() @IsISO8601({ strict: true }) dueBefore?: string;
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly inboxQuery: InboxQuery) {}

  @Get()
  me(@CurrentPrincipal() p: Principal) {
    return { id: p.userId, name: p.name, email: p.email, roles: p.roles, committeeOf: p.committeeOf, groupKeys: p.groupKeys, programmes: p.programmes };
  }

  /** The chair's inbox: report requests of their groups still waiting for them, soonest first. */
  @ApiProblems(400)
  @Get('tasks')
  inbox(@CurrentPrincipal() p: Principal, @Query() q: InboxListQuery) {
    return this.inboxQuery.list(p.groupKeys, { status: q.status, dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined, limit: q.limit, skip: q.skip });
  }
}
