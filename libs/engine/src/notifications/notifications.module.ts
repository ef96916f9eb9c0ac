import { DeliveryQuery } from './delivery.query';
import { Global, Module } from '@nestjs/common';
import { DeliveryService } from './delivery.service';
import { EmailChannel } from './email.channel';
import { messageCatalogsProvider } from './message-catalog.provider';
import { NotificationService } from './notification.service';
import { WebhookChannel } from './webhook.channel';
import { ChairWelcome } from '../identity/chair-welcome';
import { ProgrammesModule } from '../programmes/programmes.module';

/** Planning deliveries (every process) and attempting them (the notifications worker). */
@Global()
@Module({
  imports: [ProgrammesModule],
  providers: [
    messageCatalogsProvider,
    NotificationService,
    DeliveryService,
    DeliveryQuery,
    EmailChannel,
    WebhookChannel,
    { provide: ChairWelcome, useExisting: NotificationService },
  ],
  exports: [NotificationService, DeliveryService, DeliveryQuery, EmailChannel, messageCatalogsProvider, ChairWelcome],
})
export class NotificationsModule {}
