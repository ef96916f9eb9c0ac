import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { moveToKeys } from '../records';
import { ApiTokenRecord } from './api-token.record';
import { API_TOKEN_MODEL, StoredApiToken } from './api-token.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/**
 * API tokens keyed by their hash: every API request reads its token by `_id`, the one filter
 * FerretDB on SQLite answers without reading the whole collection. Listing and revoking (by the
 * public id) are rare and stay queries by field.
 */
@Injectable()
@RetriedWhenNotApplied()
export class ApiTokenRepository {
  constructor(@InjectModel(API_TOKEN_MODEL) private readonly model: Model<StoredApiToken>) {}

  async create(token: Omit<ApiTokenRecord, 'id'>): Promise<ApiTokenRecord> {
    const { hash, ...rest } = token;
    return fromStored((await this.model.create({ ...rest, _id: hash, tokenId: new Types.ObjectId().toHexString() })).toObject());
  }

  async findByHash(hash: string): Promise<ApiTokenRecord | null> {
    return fromStored(await this.model.findById(hash).lean());
  }

  async findById(id: string): Promise<ApiTokenRecord | null> {
    return fromStored(await this.model.findOne({ tokenId: id }).lean());
  }

  async listByUser(userId: string): Promise<ApiTokenRecord[]> {
    return (await this.model.find({ userId }).sort({ createdAt: -1 }).lean()).map((d) => fromStored(d));
  }

  /** Guarded by "not revoked yet" (a scan on FerretDB; revoking is rare), so two revocations record one. */
  async revoke(hash: string, at: Date): Promise<ApiTokenRecord | null> {
    return fromStored(
      await this.model.findOneAndUpdate({ _id: hash, revokedAt: { $exists: false } }, { $set: { revokedAt: at } }, { returnDocument: 'after' }).lean(),
    );
  }

  /**
   * Best effort and coarse (the caller writes at most once a minute): an audit hint, not a counter.
   * By `_id` alone (a guard beside it would read the whole collection on FerretDB): a guard on
   * "not revoked" protected nothing, as the note only sets `lastUsedAt` on the document as it is.
   */
  async touch(hash: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: hash }, { $set: { lastUsedAt: at } });
  }

  /**
   * Moves tokens stored by the earlier layout (an ObjectId `_id`, unique `hash`) to their hash as
   * key (KeyedLayout, once, at start), keeping the old id as the public one: tokens in use keep
   * working, and URLs and events naming them stay true.
   */
  async rekeyEarlierLayout(): Promise<number> {
    return moveToKeys(
      this.model,
      ['hash_1'],
      (doc) => String(doc.hash),
      ({ _id, hash: _hash, ...doc }) => ({ ...doc, tokenId: String(_id) }),
    );
  }
}

function fromStored(doc: StoredApiToken): ApiTokenRecord;
function fromStored(doc: StoredApiToken | null): ApiTokenRecord | null;
function fromStored(doc: StoredApiToken | null): ApiTokenRecord | null {
  if (!doc) return null;
  const { _id, tokenId, ...rest } = doc;
  return { ...rest, id: tokenId, hash: _id };
}
