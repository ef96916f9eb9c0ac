import { MEASURE_STATUSES } from '../../templates/report-template';
import type { ImplementationReport } from '../implementation-report';
import { day, escapeMarkdown as md } from './escape';
import { editionLine, noChangeLine, partLine, RenderOptions } from './report-html';
import { timelineMarkdown } from './report-timeline';

/**
 * The implementation report as Markdown, for wikis and e-mail. Every value that comes from
 * people or configuration (names, titles, texts) goes through `md` (escapeMarkdown).
 */
export function reportToMarkdown(r: ImplementationReport, options: RenderOptions = {}): string {
  const out: string[] = [];
  out.push(`# ${md(r.cycleName)}: ${md(r.milestoneTitle)}`, '', `Due ${day(r.dueAt)}, compiled ${day(r.compiledAt)}.`, '');
  if (options.edition) out.push(`**${editionLine(options)}.**`, '');
  const part = partLine(r);
  if (part) out.push(`**${md(part)}**`, '');
  out.push('## Coverage', '', `${r.coverage.onTime} on time, ${r.coverage.late} late, ${r.coverage.missing} missing of ${r.coverage.total} working groups.`, '');
  out.push('| Field of action | Report | Revision | Escalation | Extended |', '| --- | --- | --- | --- | --- |');
  for (const g of r.coverage.byGroup) {
    out.push(`| ${md(g.fieldOfAction)} | ${g.state} | ${g.revision ?? ''} | ${g.escalationLevel || ''} | ${g.extended ? 'yes' : ''} |`);
  }
  if (r.timeline) out.push('', '## Timeline', '', ...timelineMarkdown(r.timeline));
  out.push('', '## Measures by status', '', `| Field of action | ${MEASURE_STATUSES.join(' | ')} |`, `| --- |${MEASURE_STATUSES.map(() => ' ---: |').join('')}`);
  for (const f of r.fields) out.push(`| ${md(f.fieldOfAction)} | ${MEASURE_STATUSES.map((s) => f.measuresByStatus[s]).join(' | ')} |`);
  out.push(`| **All** | ${MEASURE_STATUSES.map((s) => `**${r.totals.measuresByStatus[s]}**`).join(' | ')} |`);
  out.push('', '## Measures', '');
  const reported = r.fields.filter((f) => f.measures.length);
  if (!reported.length) out.push('None reported.');
  for (const f of reported) {
    out.push(`### ${md(f.fieldOfAction)}`, '');
    for (const m of f.measures) {
      out.push(`- **${md(m.title)}** (${m.status})`);
      // Each line of the description escaped on its own, kept as a line of the list item.
      if (m.description) out.push(...m.description.split(/\r\n|[\r\n\u0085\u2028\u2029]/).filter((l) => l.trim()).map((l) => `  ${md(l)}  `));
    }
    out.push('');
  }
  out.push('', '## Indicators', '', '| Field of action | Indicator | Baseline | Target | Actual | Progress | Target met |', '| --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const f of r.fields) {
    for (const i of f.indicators) {
      const p = i.progress === null ? '' : `${Math.round(i.progress * 100)}%`;
      out.push(`| ${md(f.fieldOfAction)} | ${md(i.name)} (${md(i.unit)}) | ${i.baseline} | ${i.target} | ${i.actual} | ${p} | ${i.achieved ? 'yes' : 'no'} |`);
    }
  }
  for (const [title, key] of [
    ['Good practices', 'goodPractices'],
    ['Obstacles', 'obstacles'],
    ['Recommendations', 'recommendations'],
  ] as const) {
    out.push('', `## ${title}`, '');
    const items = r.fields.flatMap((f) => f[key].map((t) => `- **${md(f.fieldOfAction)}:** ${md(t)}`));
    out.push(...(items.length ? items : ['None reported.']));
  }
  out.push('', '## Change since the previous cycle', '');
  const c = r.changeSincePrevious;
  if (!c) out.push(noChangeLine(r));
  else {
    const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
    out.push(`Compared with ${md(c.previousCycleName)} (compiled ${day(c.previousCompiledAt)}): on time ${sign(c.coverage.onTime)}, late ${sign(c.coverage.late)}, missing ${sign(c.coverage.missing)}; measures implemented ${sign(c.measuresImplemented)}; indicators at target ${sign(c.indicatorsAchieved)}.`, '');
    out.push('| Field of action | Report then → now | Implemented measures | Indicator changes |', '| --- | --- | ---: | --- |');
    for (const f of c.fields) {
      const ind = f.indicators.filter((i) => i.change !== null).map((i) => `${md(i.name)} ${sign(i.change!)}`).join('; ');
      out.push(`| ${md(f.fieldOfAction)} | ${f.coverage.previous} → ${f.coverage.current} | ${sign(f.measuresByStatus.implemented)} | ${ind} |`);
    }
  }
  return out.join('\n') + '\n';
}
