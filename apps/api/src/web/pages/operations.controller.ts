import { Get, Res } from '@nestjs/common';
import { DeliveryService } from '@pact/engine';
import type { Response } from 'express';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';

const STATES = ['failed', 'held', 'queued', 'delivered', 'logged'];

/** The operators' page: deliveries by state (failed first) and the way to the queue dashboard. */
@PageController('operations')
@PageRoles('operator', 'committee')
export class OperationsController {
  constructor(private readonly deliveries: DeliveryService) {}

  @Get()
  async show(@Page() page: PageState, @Res() res: Response) {
    const counts = await this.deliveries.countByStatus();
    res.render('pages/operations', {
      title: page.i18n.t('operations.title'),
      counts: STATES.filter((s) => counts[s]).map((s) => ({ state: s, count: counts[s] })),
    });
  }
}
