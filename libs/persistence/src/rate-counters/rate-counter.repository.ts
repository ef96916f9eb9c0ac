import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { driverCollection, isDuplicateKey } from '../records';
import { RateCounterRecord } from './rate-counter.record';
import { RATE_COUNTER_MODEL } from './rate-counter.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/**
 * Fixed-window counters shared by every API process: one document per key and window, counted
 * with an atomic upsert-and-increment.
 */
@Injectable()
@RetriedWhenNotApplied()
export class RateCounterRepository {
  constructor(@InjectModel(RATE_COUNTER_MODEL) private readonly model: Model<RateCounterRecord>) {}

  /** Counts one more hit on `key` and returns the count so far in this window. */
  async hit(key: string, expiresAt: Date): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await driverCollection(this.model).findOneAndUpdate(
          { _id: key },
          { $inc: { count: 1 }, $setOnInsert: { expiresAt } },
          { upsert: true, returnDocument: 'after' },
        );
        // The driver (v6 and later) answers the document itself, not a { value } result.
        return Number(doc?.count ?? 1);
      } catch (err) {
        // Two first hits racing on the upsert: the loser finds the document on its second try.
        if (!isDuplicateKey(err) || attempt > 0) throw err;
      }
    }
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.model.deleteMany({ expiresAt: { $lte: now } })).deletedCount ?? 0;
  }
}
