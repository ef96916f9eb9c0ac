import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '../records';
import { MODEL } from '../schemas/schemas';
import { RetriedWhenNotApplied } from '../transient-errors';

/**
 * Fixed-window counters shared by every API process: one document per key and window, counted
 * with an atomic upsert-and-increment.
 */
@Injectable()
@RetriedWhenNotApplied()
export class RateCounterRepository {
  constructor(@InjectModel(MODEL.RateCounter) private readonly model: Model<any>) {}

  /** Counts one more hit on `key` and returns the count so far in this window. */
  async hit(key: string, expiresAt: Date): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.model.collection.findOneAndUpdate(
          { _id: key as any },
          { $inc: { count: 1 }, $setOnInsert: { expiresAt } },
          { upsert: true, returnDocument: 'after' },
        );
        return Number((doc as any)?.count ?? (doc as any)?.value?.count ?? 1);
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
