import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { RetriedWhenNotApplied } from '../transient-errors';
import { StoredUserAddress, USER_ADDRESS_MODEL } from './user-address.schema';

/**
 * Accounts by e-mail address, one key document each: FerretDB on SQLite finds nothing but `_id`
 * without reading the whole collection, and the `users` collection is keyed by ObjectId.
 */
@Injectable()
@RetriedWhenNotApplied()
export class UserAddressRepository {
  constructor(@InjectModel(USER_ADDRESS_MODEL) private readonly model: Model<StoredUserAddress>) {}

  /** Idempotent: an address already noted keeps its account (addresses are unique to an account). */
  async add(email: string, userId: string): Promise<void> {
    await this.model.updateOne({ _id: email.toLowerCase() }, { $setOnInsert: { userId } }, { upsert: true });
  }

  /** The accounts of these addresses (lower case), one read by key each, in parallel; addresses without an account are left out. */
  async userIdsOf(emails: string[]): Promise<Map<string, string>> {
    const keys = [...new Set(emails.map((e) => e.toLowerCase()))];
    const found = await Promise.all(keys.map((key) => this.model.findById(key).lean()));
    return new Map(found.flatMap((d) => (d ? [[d._id, d.userId] as [string, string]] : [])));
  }
}
