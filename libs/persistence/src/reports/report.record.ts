import type { ImplementationReport } from '@pact/domain';

export interface ReportRecord {
  id: string;
  cycleId: string;
  milestoneKey: string;
  milestoneKind: string;
  compiledAt: Date;
  report: ImplementationReport;
  /** Revisions that arrived after this milestone's report was first written (counted as they arrive). */
  lateRevisions?: number;
  /** How many of them the stored report includes; fewer than lateRevisions: a recompilation is owed. */
  lateRevisionsCompiled?: number;
  stale?: boolean;
  /** The milestone's revision count (MilestoneState.revisions) read before this report was built. */
  revisionsIncluded?: number;
}
