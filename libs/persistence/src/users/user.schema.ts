import { Schema } from 'mongoose';
import { Stored } from '../records';
import { UserRecord } from './user.record';

export const USER_MODEL = 'User';

/**
 * People who use the engine (collection `users`). Queries by role (withRole, chairsOf,
 * countWithRole, firstWithRole) and list have no index: a committee's users number in the hundreds.
 */
export const UserSchema = new Schema<Stored<UserRecord>>(
  {
    name: { type: String, required: true },
    // Unique: one account per address; serves findByEmail (sign-in, creating users).
    email: { type: String, required: true, unique: true },
    roles: { type: [String], required: true },
    /** Working groups a chair acts for. */
    groupKeys: { type: [String], default: [] },
    committeeOf: { type: [String], default: [] },
    createdAt: Date,
    createdBy: String,
    disabledAt: Date,
    /** The version an edit read (UserRepository.update guards by it). */
    updatedAt: Date,
    /** SHA-256 of the private calendar feed token (the token is in the feed's URL, shown once). Indexed: findByCalendarTokenHash. */
    calendarTokenHash: { type: String, index: true },
    calendarTokenCreatedAt: Date,
    /** What pages and personal messages are shown in (chosen on "your settings"). */
    language: String,
    timeZone: String,
  },
  { versionKey: false, minimize: false, collection: 'users' },
);
