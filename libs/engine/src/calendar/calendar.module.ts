import { Module } from '@nestjs/common';
import { CalendarFeedService } from './calendar-feed.service';
import { calendarCatalogsProvider } from './calendar-texts';

@Module({ providers: [CalendarFeedService, calendarCatalogsProvider], exports: [CalendarFeedService] })
export class CalendarModule {}
