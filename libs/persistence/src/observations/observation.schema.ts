import { Schema } from 'mongoose';

export const OBSERVATION_SERIES_MODEL = 'ObservationSeries';
export const OBSERVATION_PERIOD_MODEL = 'ObservationPeriod';

/**
 * The parts of an observation's keys are joined by ':', which none of them can hold: programme
 * and participant keys are `[a-z0-9-]`, indicator codes `[a-z0-9._-]` (INDICATOR_CODE: the
 * Pact's `<group>.<indicator>` has a '.', so '.' cannot separate), and a period's key is a cycle
 * id (hexadecimal) and a milestone key joined by '-', or a year. So a key names exactly one
 * series or period, and reading it back needs no escaping. (Revisions use ':' the same way.)
 */
export const seriesKey = (programme: string, indicator: string, participant: string) => `${programme}:${indicator}:${participant}`;
export const periodKey = (programme: string, indicator: string, period: string) => `${programme}:${indicator}:${period}`;

/**
 * One value as stored, under its rank (`r<rank>`: a revision's number, 0 for an import) in its
 * period's (series) or participant's (period) entry. Each revision writes its own rank, never
 * another's, so writing is a plain `$set` by key that may run twice or out of order (a follow-up
 * finished by the sweep after a later revision's): the reader takes the highest rank, which is
 * how a revision replaces the earlier value of the same period without a guarded update.
 */
export interface StoredValue {
  value: number | null;
  provenance: Record<string, unknown>;
}

/** Map keys for periods and participants are prefixed so that none is read as an array index (a year) or an operator. */
export const entryField = (key: string) => `k-${key}`;
export const rankField = (rank: number) => `r${rank}`;

export interface StoredSeries {
  _id: string;
  programme: string;
  indicator: string;
  participant: string;
  /** By `entryField(period key)`: the period, and its values by `rankField(rank)`. */
  periods: Record<string, { period: Record<string, unknown>; ranks: Record<string, StoredValue> }>;
}

export interface StoredPeriod {
  _id: string;
  programme: string;
  indicator: string;
  period: Record<string, unknown>;
  /** By `entryField(participant)`: the participant, and its values by `rankField(rank)`. */
  participants: Record<string, { participant: string; ranks: Record<string, StoredValue> }>;
}

/** Participants' series per indicator (collection `observation_series`): read and written by `_id` (seriesKey) only; no other index. */
export const ObservationSeriesSchema = new Schema<StoredSeries>(
  {
    _id: { type: String, required: true },
    programme: String,
    indicator: String,
    participant: String,
    periods: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false, collection: 'observation_series', _id: false },
);

/** Every participant's values per indicator and period (collection `observation_periods`): read and written by `_id` (periodKey) only; no other index. */
export const ObservationPeriodSchema = new Schema<StoredPeriod>(
  {
    _id: { type: String, required: true },
    programme: String,
    indicator: String,
    period: Schema.Types.Mixed,
    participants: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false, collection: 'observation_periods', _id: false },
);
