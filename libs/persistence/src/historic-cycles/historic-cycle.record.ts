import type { HistoricParticipation } from '@pact/domain';

/** One import's answers for a year: what a historic cycle holds, and who brought it in. */
export interface HistoricCycleContent {
  /** The import that wrote it (HistoryImportRecord id). */
  importId: string;
  importedAt: Date;
  importedBy: string;
  /** How many participants and answers `participations` holds (listed without reading them). */
  participants: number;
  answers: number;
  participations: HistoricParticipation[];
}

/** A stored year as listed: who imported it and how much it holds, without the answers. */
export type HistoricYear = { year: number } & Omit<HistoricCycleContent, 'participations'>;

/**
 * A programme's cycle of one year that ran before this engine (docs/guide/history-import.md):
 * `id` is `<programme>:<year>`, so every read is by key. Read-only once stored, except that an
 * import the committee asks to replace it with takes its place, in two steps: the new content
 * is `staged` beside the one that stands (`current`), and becomes current once every year of
 * that import is staged (HistoryService). Readers see `current` only; a document whose `current`
 * is null is a year being imported for the first time, not yet there.
 */
export interface HistoricCycleRecord {
  id: string;
  programme: string;
  year: number;
  current: HistoricCycleContent | null;
  staged: HistoricCycleContent | null;
}
