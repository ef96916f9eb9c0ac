import { DeliveryQuery } from './delivery.query';
import { Global, Module } from '@nestjs/common';
import { DeliveryService } from './delivery.service';
import { EmailChannel } from './email.channel';
import { messageCatalogsProvider } from './message-catalog.provider';
import { NotificationService } from './notification.service';
import { WebhookChannel } from './webhook.channel';

/** Planning deliveries (every process) and attempting them (the notifications worker). */
@Global()
@Module({
  providers: [messageCatalogsProvider, NotificationService, DeliveryService, DeliveryQuery, EmailChannel, WebhookChannel],
  exports: [NotificationService, DeliveryService, DeliveryQuery, EmailChannel, messageCatalogsProvider],
})
export class NotificationsModule {}
