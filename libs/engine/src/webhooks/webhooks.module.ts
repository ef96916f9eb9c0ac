import { Module } from '@nestjs/common';
import { WebhookSubscriptionService } from './webhook-subscription.service';

@Module({ providers: [WebhookSubscriptionService], exports: [WebhookSubscriptionService] })
export class WebhooksModule {}
