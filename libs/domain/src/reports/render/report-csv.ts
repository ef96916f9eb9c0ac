import { csvField } from './escape';
import type { ReadableReport } from './report-html';
import type { ReportWords } from './report-words';

const line = (fields: unknown[]) => fields.map(csvField).join(',');

/**
 * One row per reported item (measure, indicator, good practice, obstacle, recommendation) and
 * one per missing group, for spreadsheet users; a measure's description in the last column (added
 * last, so readers that count columns keep working), line breaks kept inside the quoted field.
 * The header row is in the reader's language; the values of `report`, `item_type`, `status` and
 * `target_met` are codes (on-time, measure, in-progress, yes…), the same in every language, for formulas.
 */
export function reportToCsv(r: ReadableReport, w: ReportWords): string {
  const rows = [line(w.csvColumns)];
  const cov = new Map(r.coverage.byGroup.map((g) => [g.groupKey, g.state]));
  for (const f of r.fields) {
    const head = [r.cycleName, r.milestoneKey, f.groupKey, f.fieldOfAction, cov.get(f.groupKey)];
    if (!f.submitted) rows.push(line([...head, 'missing', '', '', '', '', '', '', '', '', '']));
    for (const m of f.measures) rows.push(line([...head, 'measure', m.title, m.status, '', '', '', '', '', '', m.description ?? '']));
    for (const i of f.indicators)
      rows.push(line([...head, 'indicator', i.name, '', i.unit, i.baseline, i.target, i.actual, i.progress ?? '', i.achieved ? 'yes' : 'no', '']));
    for (const t of f.goodPractices) rows.push(line([...head, 'good_practice', t, '', '', '', '', '', '', '', '']));
    for (const t of f.obstacles) rows.push(line([...head, 'obstacle', t, '', '', '', '', '', '', '', '']));
    for (const t of f.recommendations) rows.push(line([...head, 'recommendation', t, '', '', '', '', '', '', '', '']));
  }
  return rows.join('\r\n') + '\r\n';
}
