import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { DeliveryQuery, DeliveryService } from '@pact/engine';
import { Roles } from '../auth/auth.decorators';
import { DeliveryListQuery } from './notification.dto';
import { ApiProblems } from '../http/problem-details';

/** The delivery log: every e-mail and webhook call with each attempt, for the committee and operators. */
@ApiTags('notifications')
@Controller('deliveries')
@Roles('committee', 'operator')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveryQuery,
    private readonly delivery: DeliveryService,
  ) {}

  @ApiProblems(400)
  @Get()
  async list(@Query() q: DeliveryListQuery) {
    const { limit = 100, skip = 0, status, ...rest } = q;
    const filter = { ...rest, status: status ? [status] : undefined };
    return this.deliveries.list(filter, { limit, skip });
  }

  @ApiProblems(404)
  @Get(':id')
  get(@Param('id') id: string) {
    return this.deliveries.get(id);
  }

  /** Tries a failed delivery again (after a mail server or receiver was fixed); earlier attempts stay in the log. */
  @ApiProblems(404, 409)
  @Post(':id/retry')
  @HttpCode(202)
  retry(@Param('id') id: string) {
    return this.delivery.retry(id);
  }
}
