import { Schema } from 'mongoose';
import { ApiTokenRecord } from './api-token.record';

export const API_TOKEN_MODEL = 'ApiToken';

/**
 * An API token as stored: its `_id` the SHA-256 of the token (every API request reads it by key),
 * its public id (in URLs, events, the principal) kept as `tokenId`, so the hash never leaves the database.
 */
export type StoredApiToken = Omit<ApiTokenRecord, 'id' | 'hash'> & { _id: string; tokenId: string };

/** Machines' API tokens (collection `api_tokens`), kept as hashes. */
export const ApiTokenSchema = new Schema<StoredApiToken>(
  {
    // SHA-256 of the token: the token itself is shown once and never stored. findByHash (every API request), touch, revoke.
    _id: { type: String, required: true },
    /** The token's public id. findById (revoking: rare). Not unique: tokens of the earlier layout get theirs when moved, after indexes are made. */
    tokenId: { type: String, required: true, index: true },
    // listByUser (a person's tokens).
    userId: { type: String, required: true, index: true },
    name: String,
    /** The token's first characters, so a person can tell their tokens apart. */
    hint: String,
    createdAt: Date,
    createdBy: String,
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    lastUsedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'api_tokens', _id: false },
);
