import { Injectable } from '@nestjs/common';
import { DeliveryRecord, DeliveryRepository } from '@pact/persistence';
import type { DeliveryStatus } from '@pact/domain';
import { InvalidError, NotFoundError } from '../errors';

/** The operators' order: what needs a person first (failed, then held), then what is on its way, then what is done. */
export const LOG_STATE_ORDER: DeliveryStatus[] = ['failed', 'held', 'queued', 'delivered', 'logged'];

export interface DeliveryLogPage {
  items: DeliveryRecord[];
  /** Where the next page starts (opaque), or null on the last page. */
  next: string | null;
}

function encodeCursor(d: DeliveryRecord): string {
  return Buffer.from(JSON.stringify([d.status, d.createdAt.toISOString(), d.id])).toString('base64url');
}

function decodeCursor(cursor: string): { status: DeliveryStatus; createdAt: Date; id: string } {
  try {
    const [status, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (LOG_STATE_ORDER.includes(status as DeliveryStatus) && typeof id === 'string' && /^[A-Za-z0-9]{1,64}$/.test(id) && !Number.isNaN(createdAt.getTime())) {
      return { status: status as DeliveryStatus, createdAt, id };
    }
  } catch {
    // fall through: the same answer as for a well-formed but wrong cursor
  }
  throw InvalidError.fromMessages(['after: not a page of the delivery log']);
}

export type DeliveryFilter = Parameters<DeliveryRepository['list']>[0];

/** The delivery log as people and machines read it: a page of deliveries, the counts per state. */
@Injectable()
export class DeliveryQuery {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async list(
    filter: DeliveryFilter,
    page: { limit: number; skip: number },
  ): Promise<{ total: number; byStatus: Record<string, number>; items: DeliveryRecord[] }> {
    const [total, items, byStatus] = await Promise.all([
      this.deliveries.count(filter),
      this.deliveries.list(filter, page.limit, page.skip),
      this.deliveries.countByStatus(),
    ]);
    return { total, byStatus, items };
  }

  /**
   * A page of the log in the operators' order (LOG_STATE_ORDER, newest first within a state),
   * optionally one state and one channel; `after` is the `next` of the page before. Reads at most
   * `limit + 1` deliveries, however long the log.
   */
  async log(filter: { status?: DeliveryStatus; channel?: string }, page: { limit: number; after?: string }): Promise<DeliveryLogPage> {
    const states = filter.status ? [filter.status] : LOG_STATE_ORDER;
    const after = page.after ? decodeCursor(page.after) : null;
    // A cursor taken under another state filter is not a page of this log.
    if (after && !states.includes(after.status)) throw InvalidError.fromMessages(['after: not a page of the delivery log with this filter']);
    const rows = await this.deliveries.logPage({ channel: filter.channel }, states, after, page.limit);
    const items = rows.slice(0, page.limit);
    return { items, next: rows.length > page.limit ? encodeCursor(items[items.length - 1]) : null };
  }

  /** How many deliveries are in each state. */
  countByStatus(): Promise<Record<string, number>> {
    return this.deliveries.countByStatus();
  }

  async get(id: string): Promise<DeliveryRecord> {
    const d = await this.deliveries.findById(id);
    if (!d) throw new NotFoundError(`delivery ${id} does not exist`);
    return d;
  }
}
