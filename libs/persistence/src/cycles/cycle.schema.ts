import { Schema } from 'mongoose';
import { Stored } from '../records';
import { CycleRecord } from './cycle.record';

export const CYCLE_MODEL = 'Cycle';

const MilestoneSchema = new Schema({ key: String, title: Schema.Types.Mixed, kind: String, requestAt: Date, dueAt: Date, compileAt: Date }, { _id: false });

/** Monitoring cycles (collection `cycles`). */
export const CycleSchema = new Schema<Stored<CycleRecord>>(
  {
    name: { type: String, required: true },
    programme: { type: String, required: true },
    // Serves list({ status }) (the cycles list filtered by status) and active() (every running cycle).
    status: { type: String, required: true, index: true },
    start: Date,
    end: Date,
    lengthMonths: Number,
    milestones: [MilestoneSchema],
    reminderDaysBeforeDue: [Number],
    escalation: Schema.Types.Mixed,
    groupKeys: [String],
    template: Schema.Types.Mixed,
    questionnaire: Schema.Types.Mixed,
    /** Per milestone key: { status, requestedAt?, compiledAt?, revisions? }; updated with dotted paths. */
    milestoneState: Schema.Types.Mixed,
    createdAt: Date,
    createdBy: String,
    startRequest: String,
    cancelledAt: Date,
    cancelledBy: String,
    cancelReason: String,
    completedAt: Date,
    /** Effects whose follow-ups are still owed (see TaskSchema.outbox). */
    outbox: { type: [String], default: undefined },
  },
  { versionKey: false, minimize: false, collection: 'cycles' },
);
// streamWithFollowUpsOwed (the follow-up sweep): cycles with an effect whose follow-ups are still owed.
CycleSchema.index({ outbox: 1 });
