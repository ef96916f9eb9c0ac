import type { Answers, LocalizedText, ReportDraft } from '@pact/domain';

/** Where a draft's answers came from, when the chair started from an earlier report. */
export type DraftOrigin =
  { kind: 'revision'; revision: number } | { kind: 'previous-cycle'; cycleId: string; cycleName: string; milestoneTitle: LocalizedText; revision: number };

/**
 * A task's draft report: one per task, shared by whoever chairs its group, kept until the
 * report is submitted. Not a revision: nothing of it reaches the compiled report. `version`
 * counts every write (also clearing), so a stale page cannot overwrite newer answers.
 */
export interface DraftRecord {
  id: string;
  taskId: string;
  cycleId: string;
  groupKey: string;
  /** null once cleared (the report was submitted); the document stays so that versions keep counting. */
  content: ReportDraft | null;
  /**
   * A questionnaire round's draft (a city's self-evaluation): the answers as typed, by question
   * key; null once submitted. A report round's draft has none (its `content` is the report).
   */
  answers?: Answers | null;
  version: number;
  savedAt: Date;
  savedBy: string;
  startedFrom?: DraftOrigin | null;
}
