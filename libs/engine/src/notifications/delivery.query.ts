import { Injectable } from '@nestjs/common';
import { DeliveryRecord, DeliveryRepository } from '@pact/persistence';
import { NotFoundError } from '../errors';

export type DeliveryFilter = Parameters<DeliveryRepository['list']>[0];

/** The delivery log as people and machines read it: a page of deliveries, the counts per state. */
@Injectable()
export class DeliveryQuery {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async list(filter: DeliveryFilter, page: { limit: number; skip: number }): Promise<{ total: number; byStatus: Record<string, number>; items: DeliveryRecord[] }> {
    const [total, items, byStatus] = await Promise.all([this.deliveries.count(filter), this.deliveries.list(filter, page.limit, page.skip), this.deliveries.countByStatus()]);
    return { total, byStatus, items };
  }

  async get(id: string): Promise<DeliveryRecord> {
    const d = await this.deliveries.findById(id);
    if (!d) throw new NotFoundError(`delivery ${id} does not exist`);
    return d;
  }
}
