import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CalendarFeedService, NotFoundError, Principal } from '@pact/engine';
import type { Request, Response } from 'express';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../http/problem-details';

@ApiTags('notifications')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarFeedService) {}

  /** A chair's private calendar URL (iCalendar) of their deadlines; asking again replaces the old URL. */
  @Post('me/calendar')
  @Roles('chair')
  @HttpCode(201)
  issue(@CurrentPrincipal() p: Principal) {
    return this.calendar.issue(p.userId);
  }
}

/** The feed itself, at /calendar (not under /api): see CalendarFeedHttpModule. */
@ApiTags('notifications')
@Controller()
export class CalendarFeedController {
  constructor(
    private readonly calendar: CalendarFeedService,
    private readonly failures: AuthFailureLimiter,
  ) {}

  /**
   * The feed itself: the token in the URL is the credential, as calendar clients send no headers.
   * A wrong token counts as a failed authentication of the caller's address, like a wrong API token.
   */
  @ApiProblems(404)
  @Public()
  @Get('calendar/:file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  async feed(@Param('file') file: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.failures.assertAllowed(req, res);
    try {
      const m = /^(cal_[A-Za-z0-9_-]{32})\.ics$/.exec(file);
      if (!m) throw new NotFoundException('no such calendar');
      return await this.calendar.feedFor(m[1]);
    } catch (err) {
      if (err instanceof NotFoundException || err instanceof NotFoundError) this.failures.recordFailure(req);
      throw err;
    }
  }
}
