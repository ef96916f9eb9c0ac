import { Module } from '@nestjs/common';
import { CalendarModule, WebhooksModule } from '@pact/engine';
import { CalendarController } from './calendar.controller';
import { DeliveriesController } from './deliveries.controller';
import { WebhooksController } from './webhooks.controller';

@Module({ imports: [WebhooksModule, CalendarModule], controllers: [WebhooksController, DeliveriesController, CalendarController] })
export class NotificationsHttpModule {}
