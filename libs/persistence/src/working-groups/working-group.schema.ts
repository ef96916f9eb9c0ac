import { Schema } from 'mongoose';
import { WorkingGroupRecord } from './working-group.record';

export const WORKING_GROUP_MODEL = 'WorkingGroup';

const ChairSchema = new Schema({ name: String, email: String, language: String, timeZone: String }, { _id: false });

/** A working group as stored: its `_id` is its key (pages and notifications read groups by key). */
export type StoredWorkingGroup = WorkingGroupRecord & { _id: string };

/** Working groups (collection `working_groups`), seeded from config, changed by the committee. */
export const WorkingGroupSchema = new Schema<StoredWorkingGroup>(
  {
    // The group's key: a group exists once; seed (which keys exist), findByKey, findByKeys (one read by key each), update.
    _id: { type: String, required: true },
    /** The key again, as the record carries it. Not indexed (every query is by `_id`); not unique, as the move from the earlier layout copies it. */
    key: { type: String, required: true },
    programme: { type: String, required: true },
    // A text from configuration: a string, or one per language ({ en, de, fr }).
    fieldOfAction: { type: Schema.Types.Mixed, required: true },
    goal: { type: Schema.Types.Mixed, default: '' },
    chair: { type: ChairSchema, required: true },
    country: String,
    size: String,
    retiredAt: Date,
    updatedAt: Date,
    outbox: { type: [String], default: undefined },
    formerChairs: { type: [String], default: undefined },
    /** When the committee last named a chair: the naming a welcome e-mail is for. */
    chairNamedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'working_groups', _id: false },
);

// withFollowUpsOwed (the sweep): { outbox: { $exists: true, $ne: [] } }.
WorkingGroupSchema.index({ outbox: 1 });
