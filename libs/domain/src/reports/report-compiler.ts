import type { LocalizedText } from '../texts/localized-text';
import { SubmissionContent } from '../submissions/submission-content';
import { MEASURE_STATUSES } from '../templates/report-template';
import {
  ChangeSincePrevious,
  CoverageState,
  emptyStatusCounts,
  FieldOfActionResult,
  GroupCoverage,
  ImplementationReport,
  IndicatorResult,
} from './implementation-report';
import type { ReportTimeline } from './timeline';

/** What the compiler needs of one task: its outcome and its latest submission, if any. */
export interface CompilerTaskInput {
  groupKey: string;
  fieldOfAction: LocalizedText;
  status: string;
  late: boolean;
  submittedAt?: Date;
  revision?: number;
  escalationLevel: number;
  extended: boolean;
  content?: SubmissionContent;
  /** A questionnaire round's revision was sent (its answers go to the network report): counted as in, with no report content. */
  answered?: boolean;
}

/** What a report says about itself, given by the caller. */
export type CompilerHeader = Pick<ImplementationReport, 'cycleId' | 'cycleName' | 'milestoneKey' | 'milestoneTitle' | 'milestoneKind' | 'dueAt' | 'compiledAt'>;

/** Per-list cap: a report gathers texts, but one group cannot make it unbounded. */
const MAX_GATHERED_PER_FIELD = 200;

export function indicatorResult(
  i: { key: string; name?: LocalizedText; unit?: LocalizedText; baseline: number; target: number; actual: number },
  higherIsBetter = true,
): IndicatorResult {
  const span = i.target - i.baseline;
  const progress = span === 0 ? null : Math.round(((i.actual - i.baseline) / span) * 1000) / 1000;
  const achieved = higherIsBetter ? i.actual >= i.target : i.actual <= i.target;
  return { key: i.key, name: i.name ?? i.key, unit: i.unit ?? '', baseline: i.baseline, target: i.target, actual: i.actual, progress, achieved };
}

/**
 * Builds the implementation report one task at a time, so the caller can stream tasks and
 * their latest submissions from a cursor: memory holds one result per working group, never
 * the set of all submissions or revisions.
 */
export class ReportCompiler {
  private readonly coverage: GroupCoverage[] = [];
  private readonly fields: FieldOfActionResult[] = [];
  private readonly totals = { measures: 0, measuresByStatus: emptyStatusCounts(), indicators: 0, indicatorsAchieved: 0 };
  private counts = { onTime: 0, late: 0, missing: 0 };

  constructor(
    private readonly header: CompilerHeader,
    private readonly higherIsBetter: (groupKey: string, indicatorKey: string) => boolean = () => true,
  ) {}

  add(task: CompilerTaskInput): void {
    const submitted = task.status === 'submitted' && (!!task.content || !!task.answered);
    const state: CoverageState = !submitted ? 'missing' : task.late ? 'late' : 'on-time';
    this.counts[state === 'on-time' ? 'onTime' : state === 'late' ? 'late' : 'missing']++;
    this.coverage.push({
      groupKey: task.groupKey,
      fieldOfAction: task.fieldOfAction,
      state,
      submittedAt: submitted ? task.submittedAt : undefined,
      revision: submitted ? task.revision : undefined,
      escalationLevel: task.escalationLevel,
      extended: task.extended,
    });

    const field: FieldOfActionResult = {
      groupKey: task.groupKey,
      fieldOfAction: task.fieldOfAction,
      submitted,
      measuresByStatus: emptyStatusCounts(),
      measures: [],
      indicators: [],
      goodPractices: [],
      obstacles: [],
      recommendations: [],
    };
    if (submitted && task.content) {
      const c = task.content;
      for (const m of c.measures) {
        field.measuresByStatus[m.status]++;
        this.totals.measuresByStatus[m.status]++;
        this.totals.measures++;
        // Everything the chair wrote goes into the report (its formats show long texts in full).
        field.measures.push({ title: m.title, status: m.status, ...(m.description?.trim() ? { description: m.description } : {}) });
      }
      for (const ind of c.indicators) {
        const r = indicatorResult(ind, this.higherIsBetter(task.groupKey, ind.key));
        field.indicators.push(r);
        this.totals.indicators++;
        if (r.achieved) this.totals.indicatorsAchieved++;
      }
      field.goodPractices = c.goodPractices.slice(0, MAX_GATHERED_PER_FIELD);
      field.obstacles = c.obstacles.slice(0, MAX_GATHERED_PER_FIELD);
      field.recommendations = c.recommendations.slice(0, MAX_GATHERED_PER_FIELD);
    }
    this.fields.push(field);
  }

  result(previous?: ImplementationReport | null, timeline?: ReportTimeline): ImplementationReport {
    const byKey = (a: { groupKey: string }, b: { groupKey: string }) => a.groupKey.localeCompare(b.groupKey);
    const report: ImplementationReport = {
      ...this.header,
      coverage: { total: this.coverage.length, ...this.counts, byGroup: [...this.coverage].sort(byKey) },
      totals: { ...this.totals, measuresByStatus: { ...this.totals.measuresByStatus } },
      fields: [...this.fields].sort(byKey),
      changeSincePrevious: null,
    };
    report.changeSincePrevious = previous ? compareReports(previous, report) : null;
    if (timeline) report.timeline = timeline;
    return report;
  }
}

/** The change from a previous cycle's report to this one, per field of action. */
export function compareReports(previous: ImplementationReport, current: ImplementationReport): ChangeSincePrevious {
  const prevFields = new Map(previous.fields.map((f) => [f.groupKey, f]));
  const prevCoverage = new Map(previous.coverage.byGroup.map((g) => [g.groupKey, g.state]));
  const curCoverage = new Map(current.coverage.byGroup.map((g) => [g.groupKey, g.state]));
  const keys = [...new Set([...prevFields.keys(), ...current.fields.map((f) => f.groupKey)])].sort();
  const curFields = new Map(current.fields.map((f) => [f.groupKey, f]));

  const fields = keys.map((key) => {
    const p = prevFields.get(key);
    const c = curFields.get(key);
    const measuresByStatus = emptyStatusCounts();
    for (const s of MEASURE_STATUSES) measuresByStatus[s] = (c?.measuresByStatus[s] ?? 0) - (p?.measuresByStatus[s] ?? 0);
    const indKeys = [...new Set([...(p?.indicators ?? []), ...(c?.indicators ?? [])].map((i) => i.key))].sort();
    const indicators = indKeys.map((k) => {
      const pi = p?.indicators.find((i) => i.key === k);
      const ci = c?.indicators.find((i) => i.key === k);
      const ref = ci ?? pi!;
      return {
        key: k,
        name: ref.name,
        unit: ref.unit,
        previousActual: pi ? pi.actual : null,
        actual: ci ? ci.actual : null,
        change: pi && ci ? Math.round((ci.actual - pi.actual) * 1000) / 1000 : null,
      };
    });
    return {
      groupKey: key,
      fieldOfAction: (c ?? p)!.fieldOfAction,
      measuresByStatus,
      indicators,
      coverage: { previous: prevCoverage.get(key) ?? ('absent' as const), current: curCoverage.get(key) ?? ('absent' as const) },
    };
  });

  return {
    previousCycleId: previous.cycleId,
    previousCycleName: previous.cycleName,
    previousCompiledAt: previous.compiledAt,
    coverage: {
      onTime: current.coverage.onTime - previous.coverage.onTime,
      late: current.coverage.late - previous.coverage.late,
      missing: current.coverage.missing - previous.coverage.missing,
    },
    measuresImplemented: current.totals.measuresByStatus.implemented - previous.totals.measuresByStatus.implemented,
    indicatorsAchieved: current.totals.indicatorsAchieved - previous.totals.indicatorsAchieved,
    fields,
  };
}
