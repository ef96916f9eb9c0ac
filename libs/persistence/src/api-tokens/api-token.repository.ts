import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, Model } from 'mongoose';
import { Stored, toRecord } from '../records';
import { ApiTokenRecord } from './api-token.record';
import { API_TOKEN_MODEL } from './api-token.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

@Injectable()
@RetriedWhenNotApplied()
export class ApiTokenRepository {
  constructor(@InjectModel(API_TOKEN_MODEL) private readonly model: Model<Stored<ApiTokenRecord>>) {}

  async create(token: Omit<ApiTokenRecord, 'id'>): Promise<ApiTokenRecord> {
    return toRecord<ApiTokenRecord>((await this.model.create(token)).toObject());
  }

  async findByHash(hash: string): Promise<ApiTokenRecord | null> {
    return toRecord<ApiTokenRecord>(await this.model.findOne({ hash }).lean());
  }

  async findById(id: string): Promise<ApiTokenRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<ApiTokenRecord>(await this.model.findById(id).lean());
  }

  async listByUser(userId: string): Promise<ApiTokenRecord[]> {
    return (await this.model.find({ userId }).sort({ createdAt: -1 }).lean()).map((d) => toRecord<ApiTokenRecord>(d));
  }

  async revoke(id: string, at: Date): Promise<ApiTokenRecord | null> {
    const doc = await this.model.findOneAndUpdate({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: at } }, { returnDocument: 'after' }).lean();
    return toRecord<ApiTokenRecord>(doc);
  }

  /** Best effort and coarse (once a minute): an audit hint, not a counter. */
  async touch(id: string, at: Date, everyMs: number): Promise<void> {
    await this.model.updateOne(
      { _id: id, revokedAt: { $exists: false }, $or: [{ lastUsedAt: { $exists: false } }, { lastUsedAt: { $lt: new Date(at.getTime() - everyMs) } }] },
      { $set: { lastUsedAt: at } },
    );
  }
}
