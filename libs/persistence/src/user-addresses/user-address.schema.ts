import { Schema } from 'mongoose';
import { Stored } from '../records';
import { UserAddressRecord } from './user-address.record';

export const USER_ADDRESS_MODEL = 'UserAddress';

export type StoredUserAddress = Stored<UserAddressRecord> & { _id: string };

/**
 * Accounts by e-mail address (collection `user_addresses`), found by `_id` (the address, lower
 * case): userIdsOf (the recipients of notifications). Addresses never change, so the document is
 * written once, when the account is made; whether the account is disabled stays on the user.
 */
export const UserAddressSchema = new Schema<StoredUserAddress>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
  },
  { versionKey: false, minimize: false, collection: 'user_addresses', _id: false },
);
