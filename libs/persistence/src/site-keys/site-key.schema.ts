import { Schema } from 'mongoose';
import { SiteKeyRecord } from './site-key.record';

export const SITE_KEY_MODEL = 'SiteKey';

/** Keys the site generates once and every API process shares (collection `site_keys`: the signing key of pre-session forms), found by _id. */
export const SiteKeySchema = new Schema<SiteKeyRecord>(
  {
    _id: String,
    value: { type: String, required: true },
    createdAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'site_keys' },
);
