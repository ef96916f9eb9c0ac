import { Schema } from 'mongoose';
import { Stored } from '../records';
import { EventRecord } from './event.record';

export const EVENT_MODEL = 'Event';

/** An event as stored: the record, and when it was written (for people reading the log; never queried). */
export type StoredEvent = Stored<EventRecord> & { recordedAt?: Date };

/** The audit trail (collection `events`): appended, never updated. */
export const EventSchema = new Schema<StoredEvent>(
  {
    // listByCycle, streamByCycle (the report's timeline) and countByType.
    cycleId: { type: String, index: true },
    // listByTask (a task's history).
    taskId: { type: String, index: true },
    groupKey: String,
    type: { type: String, required: true },
    at: { type: Date, required: true },
    actor: String,
    data: Schema.Types.Mixed,
    /** Natural key of the event: a redelivered job or retried fan-out cannot append it twice (unique; append, appendMany). */
    dedupeKey: { type: String, required: true, unique: true },
    recordedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'events' },
);
