import { Schema } from 'mongoose';
import { WorkingGroupRecord } from './working-group.record';

export const WORKING_GROUP_MODEL = 'WorkingGroup';

const ChairSchema = new Schema({ name: String, email: String, language: String, timeZone: String }, { _id: false });

/** Working groups (collection `working_groups`), seeded from config, changed by the committee. */
export const WorkingGroupSchema = new Schema<WorkingGroupRecord>(
  {
    // Unique: a group exists once; serves seed (which keys exist), findByKey, findByKeys and update.
    key: { type: String, required: true, unique: true },
    // A text from configuration: a string, or one per language ({ en, de, fr }).
    fieldOfAction: { type: Schema.Types.Mixed, required: true },
    goal: { type: Schema.Types.Mixed, default: '' },
    chair: { type: ChairSchema, required: true },
    updatedAt: Date,
    outbox: { type: [String], default: undefined },
    formerChairs: { type: [String], default: undefined },
    /** When the committee last named a chair: the naming a welcome e-mail is for. */
    chairNamedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'working_groups' },
);

// withFollowUpsOwed (the sweep): { outbox: { $exists: true, $ne: [] } }.
WorkingGroupSchema.index({ outbox: 1 });
