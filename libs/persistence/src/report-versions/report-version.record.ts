import type { LocalizedText } from '@pact/domain';

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
  /** The report exactly as published (JSON text): what every format of this version is rendered from. */
  json: string;
}
