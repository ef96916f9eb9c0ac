/** Where an import stands (HistoryService): staging → committing → done, or staging → undone. */
export type HistoryImportState = 'staging' | 'committing' | 'done' | 'undone';

/** A value an import takes back: an observation of a replaced year that the new file no longer gives. */
export interface ClearedObservation {
  participant: string;
  indicator: string;
  year: number;
}

/**
 * One import of a history file into a programme: the intent recorded before any historic
 * cycle is written (DESIGN.md "Intent before effect"), so a crash part-way leaves a record the
 * sweep finishes (committing: every year was staged) or undoes (staging: some may not be).
 */
export interface HistoryImportRecord {
  id: string;
  programme: string;
  years: number[];
  /** Whether the import may take the place of years already stored. */
  replace: boolean;
  by: string;
  at: Date;
  state: HistoryImportState;
  /** When the state last changed: the sweep leaves an import alone for a grace period after. */
  changedAt: Date;
  /** The observations of replaced years that this file no longer gives: recorded as without value once it is committed. */
  cleared: ClearedObservation[];
  /** Answers and participants in the file, for the event and the summary. */
  answers: number;
}
