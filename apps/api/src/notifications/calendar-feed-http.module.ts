import { Module } from '@nestjs/common';
import { CalendarModule } from '@pact/engine';
import { AuthModule } from '../auth/auth.module';
import { CalendarFeedController } from './calendar.controller';

/** The calendar feed, outside /api: its URLs are pasted into calendar applications and must keep working. */
@Module({ imports: [CalendarModule, AuthModule], controllers: [CalendarFeedController] })
export class CalendarFeedHttpModule {}
