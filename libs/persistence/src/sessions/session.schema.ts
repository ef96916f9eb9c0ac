import { Schema } from 'mongoose';
import { Stored } from '../records';
import { SessionRecord } from './session.record';

export const SESSION_MODEL = 'Session';

/**
 * People's sessions (collection `sessions`). Expiry is enforced in code; `expiresAt` also
 * carries a TTL index where the server has them (see SignInLinkSchema).
 */
export const SessionSchema = new Schema<Stored<SessionRecord>>(
  {
    /** SHA-256 of the cookie's value: a copy of this collection signs nobody in. Unique; serves findByHash (every page request) and deleteByHash. */
    tokenHash: { type: String, required: true, unique: true },
    /** "Sign out everywhere" removes every session of a user by this (deleteByUser; also countByUser). */
    userId: { type: String, required: true, index: true },
    createdAt: Date,
    lastSeenAt: Date,
    /** Idle expiry, moved forward as the person uses the site (at most once a minute). */
    idleExpiresAt: { type: Date, required: true },
    /** Absolute expiry: never moved. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false, collection: 'sessions' },
);
