import { Schema } from 'mongoose';
import { Stored } from '../records';
import { ApiTokenRecord } from './api-token.record';

export const API_TOKEN_MODEL = 'ApiToken';

/** Machines' API tokens (collection `api_tokens`), kept as hashes. */
export const ApiTokenSchema = new Schema<Stored<ApiTokenRecord>>(
  {
    // listByUser (a person's tokens).
    userId: { type: String, required: true, index: true },
    name: String,
    /** SHA-256 of the token: the token itself is shown once and never stored. Unique; serves findByHash (every API request). */
    hash: { type: String, required: true, unique: true },
    /** The token's first characters, so a person can tell their tokens apart. */
    hint: String,
    createdAt: Date,
    createdBy: String,
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    lastUsedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'api_tokens' },
);
