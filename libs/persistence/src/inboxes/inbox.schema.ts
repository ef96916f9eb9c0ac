import { Schema } from 'mongoose';
import { Stored } from '../records';
import { InboxRecord } from './inbox.record';

export const INBOX_MODEL = 'Inbox';

export type StoredInbox = Stored<InboxRecord> & { _id: string };

/** Working groups' inboxes (collection `inboxes`), found by _id (the group's key): taskIdsOf, addTasks. */
export const InboxSchema = new Schema<StoredInbox>(
  {
    _id: { type: String, required: true },
    /** Every task requested of the group (a set: fan-out run again adds nothing). */
    taskIds: { type: [String], default: [] },
  },
  { versionKey: false, minimize: false, collection: 'inboxes', _id: false },
);
