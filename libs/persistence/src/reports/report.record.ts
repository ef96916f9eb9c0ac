import type { ImplementationReport, NetworkReport } from '@pact/domain';

export interface ReportRecord {
  id: string;
  cycleId: string;
  milestoneKey: string;
  milestoneKind: string;
  compiledAt: Date;
  /** Its cycle's programme; absent on reports from before programmes were kept (the Pact's). */
  programme?: string;
  /** Who answered and when (coverage, timeline); for a report round also what they reported. */
  report: ImplementationReport;
  /** A questionnaire round's network report (the Charter's), compiled with the same coverage. */
  network?: NetworkReport;
  /** Revisions that arrived after this milestone's report was first written (counted as they arrive). */
  lateRevisions?: number;
  /** How many of them the stored report includes; fewer than lateRevisions: a recompilation is owed. */
  lateRevisionsCompiled?: number;
  stale?: boolean;
  /** The milestone's revision count (MilestoneState.revisions) read before this report was built. */
  revisionsIncluded?: number;
}
