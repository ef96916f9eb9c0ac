import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, Model } from 'mongoose';
import { Stored, toRecord } from '../records';
import { UserRecord } from './user.record';
import { USER_MODEL } from './user.schema';
import { RetriedWhenNotApplied } from '../transient-errors';
import type { Role } from '@pact/domain';

@Injectable()
@RetriedWhenNotApplied()
export class UserRepository {
  constructor(@InjectModel(USER_MODEL) private readonly model: Model<Stored<UserRecord>>) {}

  async create(user: Omit<UserRecord, 'id'>): Promise<UserRecord> {
    return toRecord<UserRecord>((await this.model.create(user)).toObject());
  }

  async findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<UserRecord>(await this.model.findById(id).lean());
  }

  async list(): Promise<UserRecord[]> {
    return (await this.model.find({}).sort({ email: 1 }).lean()).map((d) => toRecord<UserRecord>(d));
  }

  /**
   * Gives accounts of the single-network layout the committees they sat on (the `programmes`
   * migration): a committee member then sat on `programme`'s; everyone else sits on none.
   */
  async setCommitteeOfWhereMissing(programme: string): Promise<number> {
    const missing = { committeeOf: { $exists: false } };
    const members = await this.model.updateMany({ ...missing, roles: 'committee' }, { $set: { committeeOf: [programme] } });
    await this.model.updateMany(missing, { $set: { committeeOf: [] } });
    return members.modifiedCount;
  }

  async countWithRole(role: Role): Promise<number> {
    return this.model.countDocuments({ roles: role, disabledAt: { $exists: false } });
  }

  /** Users who act for a working group as its chair (for webhooks addressed to "the chair"). */
  async chairsOf(groupKeys: string[]): Promise<UserRecord[]> {
    return (await this.model.find({ roles: 'chair', groupKeys: { $in: groupKeys }, disabledAt: { $exists: false } }).lean()).map((d) =>
      toRecord<UserRecord>(d),
    );
  }

  async withRole(role: Role): Promise<UserRecord[]> {
    return (await this.model.find({ roles: role, disabledAt: { $exists: false } }).lean()).map((d) => toRecord<UserRecord>(d));
  }

  async setCalendarToken(id: string, hash: string, at: Date): Promise<boolean> {
    if (!isValidObjectId(id)) return false;
    const res = await this.model.updateOne({ _id: id, disabledAt: { $exists: false } }, { $set: { calendarTokenHash: hash, calendarTokenCreatedAt: at } });
    return res.matchedCount === 1;
  }

  async findByCalendarTokenHash(hash: string): Promise<UserRecord | null> {
    return toRecord<UserRecord>(await this.model.findOne({ calendarTokenHash: hash, disabledAt: { $exists: false } }).lean());
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    return toRecord<UserRecord>(await this.model.findOne({ email: email.toLowerCase() }).lean());
  }

  async setPreferences(id: string, prefs: { language: string; timeZone: string }): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<UserRecord>(
      await this.model.findOneAndUpdate({ _id: id, disabledAt: { $exists: false } }, { $set: prefs }, { returnDocument: 'after' }).lean(),
    );
  }

  /**
   * Lets a person act as chair of one more working group (the committee named them its chair).
   * One single-document update, so concurrent grants of different groups both stay.
   */
  async addChairGroup(email: string, groupKey: string): Promise<UserRecord | null> {
    return toRecord<UserRecord>(
      await this.model
        .findOneAndUpdate(
          { email: email.toLowerCase(), disabledAt: { $exists: false } },
          { $addToSet: { roles: 'chair', groupKeys: groupKey }, $set: { updatedAt: new Date() } },
          { returnDocument: 'after' },
        )
        .lean(),
    );
  }

  /** Takes a working group from a person's chair role (the committee named someone else). */
  async removeChairGroup(email: string, groupKey: string): Promise<UserRecord | null> {
    return toRecord<UserRecord>(
      await this.model
        .findOneAndUpdate(
          { email: email.toLowerCase(), groupKeys: groupKey },
          { $pull: { groupKeys: groupKey }, $set: { updatedAt: new Date() } },
          { returnDocument: 'after' },
        )
        .lean(),
    );
  }

  /**
   * Changes what the committee edits of a person, guarded by the version the caller read
   * (`expected.updatedAt`): null when the account changed meanwhile (a chair granted by a working
   * group, another edit), so no change overwrites one it did not see.
   */
  async update(
    expected: Pick<UserRecord, 'id' | 'updatedAt'>,
    change: Partial<Pick<UserRecord, 'name' | 'roles' | 'groupKeys' | 'language' | 'timeZone'>>,
    at: Date,
  ): Promise<UserRecord | null> {
    if (!isValidObjectId(expected.id)) return null;
    return toRecord<UserRecord>(
      await this.model
        .findOneAndUpdate(
          { _id: expected.id, updatedAt: expected.updatedAt ?? { $exists: false } },
          { $set: { ...change, updatedAt: at } },
          { returnDocument: 'after' },
        )
        .lean(),
    );
  }

  /** Disables an active account; null when it is unknown or disabled already. */
  async disable(id: string, at: Date): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<UserRecord>(
      await this.model
        .findOneAndUpdate({ _id: id, disabledAt: { $exists: false } }, { $set: { disabledAt: at, updatedAt: at } }, { returnDocument: 'after' })
        .lean(),
    );
  }

  /** Enables a disabled account; null when it is unknown or active already. */
  async enable(id: string, at: Date): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<UserRecord>(
      await this.model
        .findOneAndUpdate({ _id: id, disabledAt: { $exists: true } }, { $unset: { disabledAt: 1 }, $set: { updatedAt: at } }, { returnDocument: 'after' })
        .lean(),
    );
  }

  /** These accounts, one read by key each, in parallel (`$in` would read the whole collection on FerretDB); unknown ids are left out. */
  async findByIds(ids: string[]): Promise<UserRecord[]> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.findById(id)));
    return found.filter((u): u is UserRecord => u !== null);
  }

  /** The committee member created first (the one `npm start` signs in). */
  async firstWithRole(role: Role): Promise<UserRecord | null> {
    return toRecord<UserRecord>(
      await this.model
        .findOne({ roles: role, disabledAt: { $exists: false } })
        .sort({ createdAt: 1 })
        .lean(),
    );
  }
}
