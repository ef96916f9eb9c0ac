import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Header, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { CalendarFeedService, Principal } from '@pact/engine';
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
  constructor(private readonly calendar: CalendarFeedService) {}

  /** The feed itself: the token in the URL is the credential, as calendar clients send no headers. */
  @ApiProblems(404)
  @Public()
  @Get('calendar/:file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  feed(@Param('file') file: string) {
    const m = /^(cal_[A-Za-z0-9_-]{32})\.ics$/.exec(file);
    if (!m) throw new NotFoundException('no such calendar');
    return this.calendar.feedFor(m[1]);
  }
}
