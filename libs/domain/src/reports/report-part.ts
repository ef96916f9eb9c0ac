import { emptyStatusCounts, ImplementationReport } from './implementation-report';

/**
 * A compiled report cut down to some working groups: what a chair reads before the committee has
 * published it (least privilege: their own group's part, not the other groups' texts). Coverage,
 * totals and fields cover those groups only; the network's timeline and the change since the
 * previous cycle are network-wide, so they are left out. `part` says whose part it is.
 */
export function reportPart(report: ImplementationReport, groupKeys: readonly string[]): ImplementationReport {
  const mine = new Set(groupKeys);
  const byGroup = report.coverage.byGroup.filter((g) => mine.has(g.groupKey));
  const fields = report.fields.filter((f) => mine.has(f.groupKey));
  const measuresByStatus = emptyStatusCounts();
  let measures = 0;
  let indicators = 0;
  let indicatorsAchieved = 0;
  for (const f of fields) {
    for (const [status, n] of Object.entries(f.measuresByStatus) as [keyof typeof measuresByStatus, number][]) {
      measuresByStatus[status] += n;
      measures += n;
    }
    indicators += f.indicators.length;
    indicatorsAchieved += f.indicators.filter((i) => i.achieved).length;
  }
  const { timeline: _networkTimeline, ...rest } = report;
  return {
    ...rest,
    coverage: {
      total: byGroup.length,
      onTime: byGroup.filter((g) => g.state === 'on-time').length,
      late: byGroup.filter((g) => g.state === 'late').length,
      missing: byGroup.filter((g) => g.state === 'missing').length,
      byGroup,
    },
    totals: { measures, measuresByStatus, indicators, indicatorsAchieved },
    fields,
    changeSincePrevious: null,
    part: { groupKeys: [...groupKeys] },
  };
}
