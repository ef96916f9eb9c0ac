import type { ObservedValue, Period, Provenance } from '@pact/domain';

/**
 * A participant's series for one indicator of a programme (collection `observation_series`), its
 * `id` `<programme>:<indicator>:<participant>` (`seriesKey`): every value it was given, the one
 * that stands per period (the highest rank: the latest revision) already picked.
 */
export interface ObservationSeriesRecord {
  id: string;
  programme: string;
  indicator: string;
  participant: string;
  values: ObservedValue[];
}

/**
 * Every participant's value for one indicator in one period (collection `observation_periods`),
 * its `id` `<programme>:<indicator>:<period>` (`periodKey`): what a peer comparison reads, by key.
 */
export interface ObservationPeriodRecord {
  id: string;
  programme: string;
  indicator: string;
  period: Period;
  values: { participant: string; value: number | null; provenance: Provenance }[];
}
