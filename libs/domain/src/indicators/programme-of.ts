/** The programme a deployment served before it served several: data without one belongs to it. */
export const DEFAULT_PROGRAMME = 'pact';

/**
 * The programme of a cycle (or any record that may name one). Cycles stored before programmes
 * existed name none and are the Pact's: read the field only through here, so that rule lives once.
 */
export function programmeOf(record: object): string {
  // Any record: a cycle's type names no programme until cycles carry one (then this stays as it is).
  const programme = (record as { programme?: unknown }).programme;
  return typeof programme === 'string' ? programme : DEFAULT_PROGRAMME;
}
