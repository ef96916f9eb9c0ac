import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { moveToKeys, toRecord } from '../records';
import { SessionRecord } from './session.record';
import { SESSION_MODEL, StoredSession } from './session.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/**
 * People's sessions, keyed by the SHA-256 of the cookie's value: a page request reads its
 * session by `_id`, the one filter FerretDB on SQLite does not answer by reading the whole
 * collection. Ending a session deletes it: on FerretDB an update rewrites the whole document,
 * so a "last seen" write racing with a "revoked" flag could undo the revocation, whereas nothing
 * brings a deleted session back (an update by `_id` of a deleted session matches nothing).
 */
@Injectable()
@RetriedWhenNotApplied()
export class SessionRepository {
  constructor(@InjectModel(SESSION_MODEL) private readonly model: Model<StoredSession>) {}

  async create(session: SessionRecord): Promise<SessionRecord> {
    const { id, ...rest } = session;
    return toRecord<SessionRecord>((await this.model.create({ ...rest, _id: id })).toObject());
  }

  async findById(id: string): Promise<SessionRecord | null> {
    return toRecord<SessionRecord>(await this.model.findById(id).lean());
  }

  /**
   * Moves the idle expiry forward. By `_id` alone (a guard beside it would read the whole
   * collection on FerretDB): the caller has just read the session alive and not touched within
   * the minute; two requests racing here both write about the same time, which is harmless.
   */
  async touch(id: string, at: Date, idleExpiresAt: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { lastSeenAt: at, idleExpiresAt } });
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.model.deleteOne({ _id: id })).deletedCount ?? 0) === 1;
  }

  /** Every session of a person ("sign out everywhere", disabling an account): rare, so a scan on FerretDB; the `userId` index on MongoDB. */
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

  /**
   * Moves sessions stored by the earlier layout (an ObjectId `_id`, unique `tokenHash`) to their
   * hash as key (KeyedLayout, once, at start): the people signed in stay signed in.
   */
  async rekeyEarlierLayout(): Promise<number> {
    return moveToKeys(
      this.model,
      ['tokenHash_1'],
      (doc) => String(doc.tokenHash),
      ({ tokenHash: _hash, ...doc }) => doc,
    );
  }
}
