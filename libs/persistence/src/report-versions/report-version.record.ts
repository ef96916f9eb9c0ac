import type { LocalizedText } from '@pact/domain';

/** What a published version froze: a round's network report; the Pact's report has no kind (as every earlier version). */
export type ReportVersionKind = 'network';

/** A published version of a report: frozen, never updated. */
export interface ReportVersionRecord {
  id: string;
  cycleId: string;
  milestoneKey: string;
  milestoneTitle: LocalizedText;
  version: number;
  compiledAt: Date;
  publishedAt: Date;
  publishedBy: string;
  /** SHA-256 (hex) of `json`. */
  sha256: string;
  /**
   * What `json` holds: absent, an implementation report (the Pact's); `network`, a questionnaire
   * round's network report (the Charter's). Versions from before rounds were published have none.
   */
  kind?: ReportVersionKind;
  /** The report exactly as published (JSON text): what every format of this version is rendered from. */
  json: string;
}
