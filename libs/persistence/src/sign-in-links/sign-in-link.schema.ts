import { Schema } from 'mongoose';
import { Stored } from '../records';
import { SignInLinkRecord } from './sign-in-link.record';

export const SIGN_IN_LINK_MODEL = 'SignInLink';

/**
 * One-time sign-in links (collection `sign_in_links`). Expiry is enforced in code; `expiresAt`
 * also carries a TTL index where the server has them (MongoDB), for cleanup only (made by the
 * PersistenceModule at start; FerretDB 1.24 has none: purgeExpired does it).
 */
export const SignInLinkSchema = new Schema<Stored<SignInLinkRecord>>(
  {
    /** SHA-256 of the link's token: the token itself is only ever in the e-mail. Unique; serves findUsable and take. */
    tokenHash: { type: String, required: true, unique: true },
    /** Indexed: deleteByUser (a person disabled). */
    userId: { type: String, required: true, index: true },
    /** Where the person goes once signed in: a same-site path, checked before it is stored. */
    next: { type: String, default: '/' },
    createdAt: Date,
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false, collection: 'sign_in_links' },
);
