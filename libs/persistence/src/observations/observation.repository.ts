import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Observation, ObservedValue, Period, Provenance } from '@pact/domain';
import { rankOf } from '@pact/domain';
import { Model } from 'mongoose';
import { driverCollection, isDuplicateKey } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import type { ObservationPeriodRecord, ObservationSeriesRecord } from './observation.record';
import {
  entryField,
  OBSERVATION_PERIOD_MODEL,
  OBSERVATION_SERIES_MODEL,
  periodKey,
  rankField,
  seriesKey,
  StoredPeriod,
  StoredSeries,
  StoredValue,
} from './observation.schema';

/** The write gate refuses update commands of more than 100 statements (FerretDB's stall): observations are written in smaller commands. */
const PER_COMMAND = 50;

const stored = (o: Observation): StoredValue => ({ value: o.value, provenance: { ...o.provenance } });

/**
 * Runs the upserts; two first writes of one document at once (two participants' first values of
 * a period) may meet its key, and the one that lost is simply sent again: every write is idempotent.
 */
async function upsertAll(model: Model<StoredSeries> | Model<StoredPeriod>, ops: object[]): Promise<void> {
  for (let i = 0; i < ops.length; i += PER_COMMAND) {
    const batch = ops.slice(i, i + PER_COMMAND) as never[];
    const collection = driverCollection(model as Model<StoredSeries>);
    await collection.bulkWrite(batch, { ordered: false }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
      return collection.bulkWrite(batch, { ordered: false });
    });
  }
}

/** The value of the highest rank among those stored (the latest revision's). */
function standing(ranks: Record<string, StoredValue>): StoredValue | undefined {
  let best: { rank: number; value: StoredValue } | undefined;
  for (const [field, value] of Object.entries(ranks ?? {})) {
    const rank = Number(field.slice(1));
    if (!best || rank > best.rank) best = { rank, value };
  }
  return best?.value;
}

/**
 * Participants' series (collection `observation_series`): one document per programme,
 * indicator and participant, written with each observation's own rank (idempotent, in any
 * order: see StoredValue), read by key.
 */
@Injectable()
@RetriedWhenNotApplied()
export class ObservationSeriesRepository {
  constructor(@InjectModel(OBSERVATION_SERIES_MODEL) private readonly model: Model<StoredSeries>) {}

  /** Adds each observation to its participant's series under its rank: one upsert by key each. */
  async record(observations: Observation[]): Promise<void> {
    const ops = observations.map((o) => {
      const at = `periods.${entryField(o.period.key)}`;
      return {
        updateOne: {
          filter: { _id: seriesKey(o.programme, o.indicator, o.participant) },
          update: {
            $set: {
              programme: o.programme,
              indicator: o.indicator,
              participant: o.participant,
              [`${at}.period`]: { ...o.period },
              [`${at}.ranks.${rankField(rankOf(o.provenance))}`]: stored(o),
            },
          },
          upsert: true,
        },
      };
    });
    await upsertAll(this.model, ops);
  }

  /** A participant's series for an indicator, by key: per period the value that stands, in stored order (seriesOf sorts). Null when it has none. */
  async find(programme: string, indicator: string, participant: string): Promise<ObservationSeriesRecord | null> {
    const doc = await driverCollection(this.model).findOne({ _id: seriesKey(programme, indicator, participant) });
    if (!doc) return null;
    const values: ObservedValue[] = [];
    for (const entry of Object.values(doc.periods ?? {})) {
      const value = standing(entry.ranks);
      if (value) values.push({ period: entry.period as unknown as Period, value: value.value, provenance: value.provenance as unknown as Provenance });
    }
    return { id: doc._id, programme: doc.programme, indicator: doc.indicator, participant: doc.participant, values };
  }
}

/**
 * Every participant's value per indicator and period (collection `observation_periods`): one
 * document per programme, indicator and period, written like the series, read by key for a peer comparison.
 */
@Injectable()
@RetriedWhenNotApplied()
export class ObservationPeriodRepository {
  constructor(@InjectModel(OBSERVATION_PERIOD_MODEL) private readonly model: Model<StoredPeriod>) {}

  /** Adds each observation to its period's values under its rank: one upsert by key each. */
  async record(observations: Observation[]): Promise<void> {
    const ops = observations.map((o) => {
      const at = `participants.${entryField(o.participant)}`;
      return {
        updateOne: {
          filter: { _id: periodKey(o.programme, o.indicator, o.period.key) },
          update: {
            $set: {
              programme: o.programme,
              indicator: o.indicator,
              period: { ...o.period },
              [`${at}.participant`]: o.participant,
              [`${at}.ranks.${rankField(rankOf(o.provenance))}`]: stored(o),
            },
          },
          upsert: true,
        },
      };
    });
    await upsertAll(this.model, ops);
  }

  /** Every participant's value (the one that stands) for an indicator in a period, by key. Null when none was observed. */
  async find(programme: string, indicator: string, period: string): Promise<ObservationPeriodRecord | null> {
    const doc = await driverCollection(this.model).findOne({ _id: periodKey(programme, indicator, period) });
    if (!doc) return null;
    const values: ObservationPeriodRecord['values'] = [];
    for (const entry of Object.values(doc.participants ?? {})) {
      const value = standing(entry.ranks);
      if (value) values.push({ participant: entry.participant, value: value.value, provenance: value.provenance as unknown as Provenance });
    }
    return { id: doc._id, programme: doc.programme, indicator: doc.indicator, period: doc.period as unknown as Period, values };
  }
}
