import { MEASURE_STATUSES } from '../../templates/report-template';
import { day, escapeMarkdown as md } from './escape';
import { editionLine, noChangeLine, partLine, ReadableReport, RenderOptions } from './report-html';
import { timelineMarkdown } from './report-timeline';

/**
 * The implementation report as Markdown, for wikis and e-mail. Every value that comes from
 * people or configuration (names, titles, texts) goes through `md` (escapeMarkdown).
 */
export function reportToMarkdown(r: ReadableReport, options: RenderOptions): string {
  const w = options.words;
  const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  const out: string[] = [];
  out.push(`# ${md(r.cycleName)}: ${md(r.milestoneTitle)}`, '', `${capital(w.dueCompiled(day(r.dueAt), day(r.compiledAt)))}.`, '');
  if (options.edition) out.push(`**${editionLine(options)}.**`, '');
  const part = partLine(r, options.words);
  if (part) out.push(`**${md(part)}**`, '');
  out.push(`## ${w.coverage}`, '', w.coverageSummary(r.coverage.onTime, r.coverage.late, r.coverage.missing, r.coverage.total), '');
  out.push(`| ${w.fieldOfAction} | ${w.report} | ${w.revision} | ${w.escalation} | ${w.extended} |`, '| --- | --- | --- | --- | --- |');
  for (const g of r.coverage.byGroup) {
    out.push(`| ${md(g.fieldOfAction)} | ${w.state[g.state]} | ${g.revision ?? ''} | ${g.escalationLevel || ''} | ${g.extended ? w.yes : ''} |`);
  }
  if (r.timeline) out.push('', `## ${w.timeline}`, '', ...timelineMarkdown(r.timeline, options.words));
  out.push(
    '',
    `## ${w.measuresByStatus}`,
    '',
    `| ${w.fieldOfAction} | ${MEASURE_STATUSES.map((s) => w.status[s]).join(' | ')} |`,
    `| --- |${MEASURE_STATUSES.map(() => ' ---: |').join('')}`,
  );
  for (const f of r.fields) out.push(`| ${md(f.fieldOfAction)} | ${MEASURE_STATUSES.map((s) => f.measuresByStatus[s]).join(' | ')} |`);
  out.push(`| **${w.all}** | ${MEASURE_STATUSES.map((s) => `**${r.totals.measuresByStatus[s]}**`).join(' | ')} |`);
  out.push('', `## ${w.measures}`, '');
  const reported = r.fields.filter((f) => f.measures.length);
  if (!reported.length) out.push(w.noneReported);
  for (const f of reported) {
    out.push(`### ${md(f.fieldOfAction)}`, '');
    for (const m of f.measures) {
      out.push(`- **${md(m.title)}** (${w.status[m.status]})`);
      // Each line of the description escaped on its own, kept as a line of the list item.
      if (m.description)
        out.push(
          ...m.description
            .split(/\r\n|[\r\n\u0085\u2028\u2029]/)
            .filter((l) => l.trim())
            .map((l) => `  ${md(l)}  `),
        );
    }
    out.push('');
  }
  out.push(
    '',
    `## ${w.indicators}`,
    '',
    `| ${w.fieldOfAction} | ${w.indicator} | ${w.baseline} | ${w.target} | ${w.actual} | ${w.progress} | ${w.targetMet} |`,
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const f of r.fields) {
    for (const i of f.indicators) {
      const p = i.progress === null ? '' : `${Math.round(i.progress * 100)}%`;
      out.push(`| ${md(f.fieldOfAction)} | ${md(i.name)} (${md(i.unit)}) | ${i.baseline} | ${i.target} | ${i.actual} | ${p} | ${i.achieved ? w.yes : w.no} |`);
    }
  }
  for (const [title, key] of [
    [w.goodPractices, 'goodPractices'],
    [w.obstacles, 'obstacles'],
    [w.recommendations, 'recommendations'],
  ] as const) {
    out.push('', `## ${title}`, '');
    const items = r.fields.flatMap((f) => f[key].map((t) => `- **${md(f.fieldOfAction)}:** ${md(t)}`));
    out.push(...(items.length ? items : [w.noneReported]));
  }
  out.push('', `## ${w.changeSincePrevious}`, '');
  const c = r.changeSincePrevious;
  if (!c) out.push(noChangeLine(r, options.words));
  else {
    const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
    out.push(
      w.comparedWith(
        md(c.previousCycleName),
        day(c.previousCompiledAt),
        sign(c.coverage.onTime),
        sign(c.coverage.late),
        sign(c.coverage.missing),
        sign(c.measuresImplemented),
        sign(c.indicatorsAchieved),
      ),
      '',
    );
    out.push(`| ${w.fieldOfAction} | ${w.reportThenNow} | ${w.implementedMeasures} | ${w.indicatorChanges} |`, '| --- | --- | ---: | --- |');
    for (const f of c.fields) {
      const ind = f.indicators
        .filter((i) => i.change !== null)
        .map((i) => `${md(i.name)} ${sign(i.change!)}`)
        .join('; ');
      out.push(
        `| ${md(f.fieldOfAction)} | ${w.state[f.coverage.previous]} → ${w.state[f.coverage.current]} | ${sign(f.measuresByStatus.implemented)} | ${ind} |`,
      );
    }
  }
  return out.join('\n') + '\n';
}
