import { Schema } from 'mongoose';
import { RateCounterRecord } from './rate-counter.record';

export const RATE_COUNTER_MODEL = 'RateCounter';

/**
 * Fixed-window request counters (collection `rate_counters`: sign-in requests per address and
 * per client). hit finds a counter by its _id; `expiresAt` carries a TTL index where the server
 * has them (see SignInLinkSchema).
 */
export const RateCounterSchema = new Schema<RateCounterRecord>(
  {
    _id: String,
    count: { type: Number, default: 0 },
    expiresAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'rate_counters' },
);
