import { Global, Module } from '@nestjs/common';
import { LoggingNotifier } from './logging-notifier';
import { CHAIR_NOTIFIER } from './notification';
import { NotificationService } from './notification.service';

@Global()
@Module({
  providers: [{ provide: CHAIR_NOTIFIER, useClass: LoggingNotifier }, NotificationService],
  exports: [NotificationService, CHAIR_NOTIFIER],
})
export class NotificationsModule {}
