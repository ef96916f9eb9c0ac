import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { Principal, viewOf, WebhookSubscriptionService } from '@pact/engine';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { CreateWebhookDto, WebhookListQuery } from './notification.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('notifications')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookSubscriptionService) {}

  /** A new subscription; the answer holds its signing secret, shown this once. */
  @ApiProblems(400, 403)
  @Post()
  @Roles('committee', 'chair')
  @ApiBody({ type: CreateWebhookDto })
  create(@Body() dto: CreateWebhookDto, @CurrentPrincipal() p: Principal) {
    return this.webhooks.create(dto, p);
  }

  /** Committee and operators see every subscription (`?status=paused` for the ones needing attention); chairs their own. */
  @ApiProblems(400)
  @Get()
  list(@Query() q: WebhookListQuery, @CurrentPrincipal() p: Principal) {
    return this.webhooks.list(p, q.status ? [q.status] : undefined);
  }

  @ApiProblems(404)
  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return viewOf(await this.webhooks.get(id, p));
  }

  /** Pauses an active subscription: its deliveries are held (not attempted, not lost) until it is resumed; 409 when it is not active. */
  @ApiProblems(403, 404, 409)
  @Post(':id/pause')
  pause(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.webhooks.pause(id, p);
  }

  /** Resumes a paused subscription and sends what was held meanwhile. */
  @ApiProblems(403, 404)
  @Post(':id/resume')
  resume(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.webhooks.resume(id, p);
  }

  /** A new signing secret, shown once in the answer; the old one stops working at once. */
  @ApiProblems(403, 404)
  @Post(':id/rotate-secret')
  @Roles('committee', 'chair')
  rotate(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.webhooks.rotateSecret(id, p);
  }

  @ApiProblems(403, 404)
  @Delete(':id')
  @Roles('committee', 'chair')
  remove(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.webhooks.remove(id, p);
  }
}
