import { ApiTags } from '@nestjs/swagger';
import { ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { PERSONAL_MESSAGE_KINDS } from '@pact/domain';
import { DeliveryService } from '@pact/engine';
import { DeliveryRepository } from '@pact/persistence';
import { Roles } from '../auth/auth.decorators';
import { DeliveryListQuery } from './notification.dto';

/** The delivery log: every e-mail and webhook call with each attempt, for the committee and operators. */
@ApiTags('notifications')
@Controller('deliveries')
@Roles('committee', 'operator')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly delivery: DeliveryService,
  ) {}

  @Get()
  async list(@Query() q: DeliveryListQuery) {
    const { limit = 100, skip = 0, status, ...rest } = q;
    const filter = { ...rest, status: status ? [status] : undefined };
    const [total, items, byStatus] = await Promise.all([this.deliveries.count(filter), this.deliveries.list(filter, limit, skip), this.deliveries.countByStatus()]);
    return { total, byStatus, items };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const d = await this.deliveries.findById(id);
    if (!d) throw new NotFoundException(`delivery ${id} does not exist`);
    return d;
  }

  /** Tries a failed delivery again (after a mail server or receiver was fixed); earlier attempts stay in the log. */
  @Post(':id/retry')
  @HttpCode(202)
  async retry(@Param('id') id: string) {
    const d = await this.deliveries.findById(id);
    if (!d) throw new NotFoundException(`delivery ${id} does not exist`);
    if (d.status !== 'failed') throw new ConflictException(`the delivery is ${d.status}; only failed deliveries are retried`);
    if ((PERSONAL_MESSAGE_KINDS as readonly string[]).includes(d.kind)) throw new ConflictException('a sign-in link is never sent again; the person asks for a new one');
    return this.delivery.retry(id);
  }
}
