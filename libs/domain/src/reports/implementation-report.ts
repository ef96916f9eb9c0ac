import type { LocalizedText } from '../texts/localized-text';
import { MEASURE_STATUSES, MeasureStatus } from '../templates/report-template';
import type { ReportTimeline } from './timeline';

export type CoverageState = 'on-time' | 'late' | 'missing';

export interface GroupCoverage {
  groupKey: string;
  fieldOfAction: LocalizedText;
  state: CoverageState;
  submittedAt?: Date;
  revision?: number;
  escalationLevel: number;
  extended: boolean;
}

export interface IndicatorResult {
  key: string;
  name: LocalizedText;
  unit: LocalizedText;
  baseline: number;
  target: number;
  actual: number;
  /** Share of the way from baseline to target (1 = target reached); null when baseline equals target. */
  progress: number | null;
  achieved: boolean;
}

export interface FieldOfActionResult {
  groupKey: string;
  fieldOfAction: LocalizedText;
  submitted: boolean;
  measuresByStatus: Record<MeasureStatus, number>;
  /** Each measure as the chair wrote it; `description` only when one was given. */
  measures: { title: string; status: MeasureStatus; description?: string }[];
  indicators: IndicatorResult[];
  goodPractices: string[];
  obstacles: string[];
  recommendations: string[];
}

export interface FieldChange {
  groupKey: string;
  fieldOfAction: LocalizedText;
  /** Change in the number of measures per status. */
  measuresByStatus: Record<MeasureStatus, number>;
  indicators: { key: string; name: LocalizedText; unit: LocalizedText; previousActual: number | null; actual: number | null; change: number | null }[];
  coverage: { previous: CoverageState | 'absent'; current: CoverageState | 'absent' };
}

export interface ChangeSincePrevious {
  previousCycleId: string;
  previousCycleName: string;
  previousCompiledAt: Date;
  coverage: { onTime: number; late: number; missing: number };
  measuresImplemented: number;
  indicatorsAchieved: number;
  fields: FieldChange[];
}

export interface ImplementationReport {
  cycleId: string;
  cycleName: string;
  milestoneKey: string;
  milestoneTitle: LocalizedText;
  milestoneKind: 'progress' | 'final';
  dueAt: Date;
  compiledAt: Date;
  coverage: { total: number; onTime: number; late: number; missing: number; byGroup: GroupCoverage[] };
  totals: { measures: number; measuresByStatus: Record<MeasureStatus, number>; indicators: number; indicatorsAchieved: number };
  fields: FieldOfActionResult[];
  changeSincePrevious: ChangeSincePrevious | null;
  /**
   * The cycle's requests, reminders, escalations, extensions and submissions per week or month
   * up to compilation, with its key moments. Absent from reports compiled before it existed.
   */
  timeline?: ReportTimeline;
  /**
   * Set when this is only some working groups' part of the report (reportPart): what a chair
   * reads before the committee publishes it. Absent from the whole report.
   */
  part?: { groupKeys: string[] };
}

export function emptyStatusCounts(): Record<MeasureStatus, number> {
  return Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
}
