import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, Model } from 'mongoose';
import { Stored, toRecord } from '../records';
import { SessionRecord } from './session.record';
import { SESSION_MODEL } from './session.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/**
 * People's sessions. Ending a session deletes it: on FerretDB an update rewrites the whole
 * document, so a "last seen" write racing with a "revoked" flag could undo the revocation,
 * whereas nothing brings a deleted session back.
 */
@Injectable()
@RetriedWhenNotApplied()
export class SessionRepository {
  constructor(@InjectModel(SESSION_MODEL) private readonly model: Model<Stored<SessionRecord>>) {}

  async create(session: Omit<SessionRecord, 'id'>): Promise<SessionRecord> {
    return toRecord<SessionRecord>((await this.model.create(session)).toObject());
  }

  async findByHash(tokenHash: string): Promise<SessionRecord | null> {
    return toRecord<SessionRecord>(await this.model.findOne({ tokenHash }).lean());
  }

  /** Moves the idle expiry forward; only a session still alive and not touched within `everyMs`. */
  async touch(id: string, at: Date, idleExpiresAt: Date, everyMs: number): Promise<void> {
    if (!isValidObjectId(id)) return;
    await this.model.updateOne(
      { _id: id, idleExpiresAt: { $gt: at }, expiresAt: { $gt: at }, lastSeenAt: { $lt: new Date(at.getTime() - everyMs) } },
      { $set: { lastSeenAt: at, idleExpiresAt } },
    );
  }

  async delete(id: string): Promise<boolean> {
    if (!isValidObjectId(id)) return false;
    return ((await this.model.deleteOne({ _id: id })).deletedCount ?? 0) === 1;
  }

  async deleteByHash(tokenHash: string): Promise<boolean> {
    return ((await this.model.deleteOne({ tokenHash })).deletedCount ?? 0) === 1;
  }

  async deleteByUser(userId: string): Promise<number> {
    return (await this.model.deleteMany({ userId })).deletedCount ?? 0;
  }

  async countByUser(userId: string): Promise<number> {
    return this.model.countDocuments({ userId });
  }

  /** Sessions past either expiry. */
  async purgeExpired(now: Date): Promise<number> {
    return (await this.model.deleteMany({ $or: [{ expiresAt: { $lte: now } }, { idleExpiresAt: { $lte: now } }] })).deletedCount ?? 0;
  }
}
