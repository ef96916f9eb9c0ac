import { Schema } from 'mongoose';
import { Stored } from '../records';
import { SessionRecord } from './session.record';

export const SESSION_MODEL = 'Session';

/** A session as stored: its `_id` the SHA-256 of the cookie's value (every page request reads it by key). */
export type StoredSession = Stored<SessionRecord> & { _id: string };

/**
 * People's sessions (collection `sessions`). Expiry is enforced in code; `expiresAt` also
 * carries a TTL index where the server has them (see SignInLinkSchema).
 */
export const SessionSchema = new Schema<StoredSession>(
  {
    // SHA-256 of the cookie's value: findById (every page request), touch, delete.
    _id: { type: String, required: true },
    /** "Sign out everywhere" removes every session of a user by this (deleteByUser; also countByUser). */
    userId: { type: String, required: true, index: true },
    createdAt: Date,
    lastSeenAt: Date,
    /** Idle expiry, moved forward as the person uses the site (at most once a minute). */
    idleExpiresAt: { type: Date, required: true },
    /** Absolute expiry: never moved. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false, collection: 'sessions', _id: false },
);
