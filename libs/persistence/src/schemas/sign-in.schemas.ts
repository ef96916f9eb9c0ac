import { Schema } from 'mongoose';

/**
 * People's sign-in: one-time links, sessions, request counters and the site's own keys.
 * Expiry is enforced by the services reading these records; `expiresAt` also carries a TTL
 * index where the server has them (MongoDB), for cleanup only (FerretDB 1.24 has none: the
 * services purge expired records themselves).
 */
const opts = { versionKey: false as const, minimize: false };

export const SignInLinkSchema = new Schema(
  {
    /** SHA-256 of the link's token: the token itself is only ever in the e-mail. */
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: String, required: true },
    /** Where the person goes once signed in: a same-site path, checked before it is stored. */
    next: { type: String, default: '/' },
    createdAt: Date,
    expiresAt: { type: Date, required: true },
  },
  { ...opts, collection: 'sign_in_links' },
);

export const SessionSchema = new Schema(
  {
    /** SHA-256 of the cookie's value: a copy of this collection signs nobody in. */
    tokenHash: { type: String, required: true, unique: true },
    /** "Sign out everywhere" removes every session of a user by this. */
    userId: { type: String, required: true, index: true },
    /** The synchronizer token every form of this session carries (CSRF). */
    csrfToken: { type: String, required: true },
    createdAt: Date,
    lastSeenAt: Date,
    /** Idle expiry, moved forward as the person uses the site (at most once a minute). */
    idleExpiresAt: { type: Date, required: true },
    /** Absolute expiry: never moved. */
    expiresAt: { type: Date, required: true },
  },
  { ...opts, collection: 'sessions' },
);

/** Fixed-window request counters (sign-in requests per address and per client). */
export const RateCounterSchema = new Schema(
  {
    _id: String,
    count: { type: Number, default: 0 },
    expiresAt: Date,
  },
  { ...opts, collection: 'rate_counters' },
);

/** Keys the site generates once and every API process shares (the signing key of pre-session forms). */
export const SiteKeySchema = new Schema(
  {
    _id: String,
    value: { type: String, required: true },
    createdAt: Date,
  },
  { ...opts, collection: 'site_keys' },
);
