import type { ImplementationReport } from '../implementation-report';
import { csvField } from './escape';

const line = (fields: unknown[]) => fields.map(csvField).join(',');

/**
 * One row per reported item (measure, indicator, good practice, obstacle, recommendation) and
 * one per missing group, for spreadsheet users; a measure's description in the last column (added
 * last, so readers that count columns keep working), line breaks kept inside the quoted field.
 */
export function reportToCsv(r: ImplementationReport): string {
  const rows = [line(['cycle', 'milestone', 'group', 'field_of_action', 'report', 'item_type', 'item', 'status', 'unit', 'baseline', 'target', 'actual', 'progress', 'target_met', 'description'])];
  const cov = new Map(r.coverage.byGroup.map((g) => [g.groupKey, g.state]));
  for (const f of r.fields) {
    const head = [r.cycleName, r.milestoneKey, f.groupKey, f.fieldOfAction, cov.get(f.groupKey)];
    if (!f.submitted) rows.push(line([...head, 'missing', '', '', '', '', '', '', '', '', '']));
    for (const m of f.measures) rows.push(line([...head, 'measure', m.title, m.status, '', '', '', '', '', '', m.description ?? '']));
    for (const i of f.indicators) rows.push(line([...head, 'indicator', i.name, '', i.unit, i.baseline, i.target, i.actual, i.progress ?? '', i.achieved ? 'yes' : 'no', '']));
    for (const t of f.goodPractices) rows.push(line([...head, 'good_practice', t, '', '', '', '', '', '', '', '']));
    for (const t of f.obstacles) rows.push(line([...head, 'obstacle', t, '', '', '', '', '', '', '', '']));
    for (const t of f.recommendations) rows.push(line([...head, 'recommendation', t, '', '', '', '', '', '', '', '']));
  }
  return rows.join('\r\n') + '\r\n';
}
