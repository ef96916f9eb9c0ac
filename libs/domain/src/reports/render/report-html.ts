import { MEASURE_STATUSES, MeasureStatus } from '../../templates/report-template';
import type { ImplementationReport } from '../implementation-report';
import type { InLanguage } from '../../texts/localized-text';
import { day, escapeHtml as e } from './escape';
import { TIMELINE_KINDS } from '../timeline';
import { timelineHtml, TIMELINE_COLOURS } from './report-timeline';
import type { ReportWords } from './report-words';

/** A report with its texts from configuration in the reader's language (`inLanguage`). */
export type ReadableReport = InLanguage<ImplementationReport>;

/**
 * How a report is being shown: the live compiled report, or a frozen published version of it;
 * and the words around it in the reader's language (headings, states, sentences: `reportWordsIn`). Its
 * texts from configuration are put in the same language by `inLanguage` before rendering.
 */
export interface RenderOptions {
  edition?: { version: number; publishedAt: Date | string; publishedBy?: string };
  words: ReportWords;
}

/** The line naming a published version, shown under the title. */
export function editionLine(o: RenderOptions): string {
  return o.edition ? o.words.publishedVersion(o.edition.version, day(o.edition.publishedAt)) : '';
}

const COLOURS: Record<MeasureStatus, string> = {
  implemented: '#1b7f3b',
  'in-progress': '#3b73c4',
  planned: '#d9a400',
  'not-started': '#9aa0a6',
  discontinued: '#c0392b',
};

/** One horizontal stacked bar of a field's measures by status: hand-written SVG, no script. */
function measuresBar(w: ReportWords, counts: Record<MeasureStatus, number>, width = 320): string {
  const total = MEASURE_STATUSES.reduce((n, s) => n + counts[s], 0);
  if (!total) return `<span class="none">${e(w.noMeasures)}</span>`;
  let x = 0;
  const rects = MEASURE_STATUSES.filter((s) => counts[s] > 0).map((s) => {
    const span = (counts[s] / total) * width;
    const r = `<rect x="${x.toFixed(1)}" y="0" width="${span.toFixed(1)}" height="14" fill="${COLOURS[s]}"><title>${e(w.status[s])}: ${counts[s]}</title></rect>`;
    x += span;
    return r;
  });
  return `<svg class="bar" role="img" aria-label="${e(w.measuresByStatus)}" width="${width}" height="14" viewBox="0 0 ${width} 14">${rects.join('')}</svg> <span class="n">${total}</span>`;
}

/** Baseline → actual against target as a small bullet chart. */
function indicatorBar(w: ReportWords, progress: number | null, achieved: boolean): string {
  if (progress === null) return '';
  const p = Math.max(0, Math.min(1.25, progress));
  return `<svg class="bullet" role="img" aria-label="${e(w.ofTheWay(Math.round(progress * 100)))}" width="125" height="10" viewBox="0 0 125 10"><rect x="0" y="2" width="100" height="6" fill="#e3e6ea"/><rect x="0" y="2" width="${(p * 100).toFixed(1)}" height="6" fill="${achieved ? '#1b7f3b' : '#3b73c4'}"/><line x1="100" y1="0" x2="100" y2="10" stroke="#222" stroke-width="1.5"/></svg>`;
}

/**
 * The report's content after its title: coverage, timeline, fields of action, change since the
 * previous cycle. No style attribute and no style element: colours come from classes
 * (`status-<measure status>`, `kind-<timeline kind>`) that the standalone page's stylesheet
 * below, and the people's pages' stylesheet, each define; so the report page can show it inline
 * under its own Content-Security-Policy (no inline styles).
 */
/** What the change section says without a comparison: none compiled yet, or left out of a group's part (it is the network's). */
export function noChangeLine(r: ReadableReport, w: ReportWords): string {
  return r.part ? w.changeInWholeReport : w.noPrevious;
}

/** What a report cut to some groups says about itself (reportPart), in every format. */
export function partLine(r: ReadableReport, words: ReportWords): string | null {
  return r.part ? words.partOnly : null;
}

export function reportBodyHtml(r: ReadableReport, w: ReportWords): string {
  const legend = MEASURE_STATUSES.map((s) => `<span class="key"><i class="status-${s}"></i>${e(w.status[s])}</span>`).join(' ');
  const coverage = r.coverage.byGroup
    .map(
      (g) =>
        `<tr class="${g.state}"><td>${e(g.fieldOfAction)}</td><td>${e(w.state[g.state])}${g.extended ? ` (${e(w.extended.toLowerCase())})` : ''}</td><td>${g.revision ?? ''}</td><td>${g.escalationLevel || ''}</td><td>${day(g.submittedAt)}</td></tr>`,
    )
    .join('');
  const fields = r.fields
    .map((f) => {
      const ind = f.indicators
        .map(
          (i) =>
            `<tr><td>${e(i.name)}</td><td>${i.baseline} → ${i.actual} ${e(i.unit)}</td><td>${i.target}</td><td>${indicatorBar(w, i.progress, i.achieved)}</td><td>${i.achieved ? '✓' : ''}</td></tr>`,
        )
        .join('');
      const list = (title: string, items: string[]) => (items.length ? `<h4>${title}</h4><ul>${items.map((t) => `<li>${e(t)}</li>`).join('')}</ul>` : '');
      return `<section class="field" data-group="${e(f.groupKey)}"><h3>${e(f.fieldOfAction)}</h3>
<p>${f.submitted ? measuresBar(w, f.measuresByStatus) : `<span class="missing">${e(w.noReport)}</span>`}</p>
${f.measures.length ? `<ul class="measures">${f.measures.map((m) => `<li><i class="status-${m.status}"></i>${e(m.title)} <span class="n">${e(w.status[m.status])}</span>${m.description ? `<p class="measure-description">${e(m.description)}</p>` : ''}</li>`).join('')}</ul>` : ''}
${ind ? `<table class="ind"><tr><th>${e(w.indicator)}</th><th>${e(w.baselineActual)}</th><th>${e(w.target)}</th><th>${e(w.progress)}</th><th></th></tr>${ind}</table>` : ''}
${list(e(w.goodPractices), f.goodPractices)}${list(e(w.obstacles), f.obstacles)}${list(e(w.recommendations), f.recommendations)}</section>`;
    })
    .join('\n');
  const c = r.changeSincePrevious;
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  const change = c
    ? `<p>${w.comparedWith(`<b>${e(c.previousCycleName)}</b>`, day(c.previousCompiledAt), sign(c.coverage.onTime), sign(c.coverage.late), sign(c.coverage.missing), sign(c.measuresImplemented), sign(c.indicatorsAchieved))}</p>
<table><tr><th>${e(w.fieldOfAction)}</th><th>${e(w.reportThenNow)}</th><th>${e(w.implementedMeasures)}</th></tr>${c.fields.map((f) => `<tr><td>${e(f.fieldOfAction)}</td><td>${e(w.state[f.coverage.previous])} → ${e(w.state[f.coverage.current])}</td><td>${sign(f.measuresByStatus.implemented)}</td></tr>`).join('')}</table>`
    : `<p>${e(noChangeLine(r, w))}</p>`;
  const timeline = r.timeline ? timelineHtml(r.timeline, w, `<h2>${e(w.timeline)}</h2>`) : '';
  const part = partLine(r, w);
  return `${part ? `<p class="report-part" data-report-part>${e(part)}</p>\n` : ''}<h2>${e(w.coverage)}</h2><p class="summary">${e(w.coverageSummary(r.coverage.onTime, r.coverage.late, r.coverage.missing, r.coverage.total))}</p>
<table class="coverage"><tr><th>${e(w.fieldOfAction)}</th><th>${e(w.report)}</th><th>${e(w.revision)}</th><th>${e(w.escalation)}</th><th>${e(w.submitted)}</th></tr>${coverage}</table>
${timeline}
<h2>${e(w.fieldsOfAction)}</h2><p>${legend}</p>
<p>${e(w.allFieldsLabel)}: ${measuresBar(w, r.totals.measuresByStatus, 420)} — ${e(w.allFields(r.totals.indicatorsAchieved, r.totals.indicators))}</p>
${fields}
<h2>${e(w.changeSincePrevious)}</h2>${change}
`;
}

const SWATCHES = [
  ...MEASURE_STATUSES.map((s) => `.status-${s} { background: ${COLOURS[s]}; }`),
  ...TIMELINE_KINDS.map((k) => `.kind-${k} { background: ${TIMELINE_COLOURS[k]}; }`),
].join(' ');

/** The implementation report as one standalone page: no external assets, prints on A4. */
export function reportToHtml(r: ReadableReport, options: RenderOptions): string {
  const w = options.words;
  const edition = options.edition ? `<p class="edition">${e(editionLine(options))}</p>` : '';
  return `<!doctype html>
<html lang="${w.lang}"><head><meta charset="utf-8"><title>${e(r.cycleName)}: ${e(r.milestoneTitle)}</title>
<style>
@page { size: A4; margin: 16mm; }
body { font: 11pt/1.4 system-ui, sans-serif; color: #222; max-width: 190mm; margin: 0 auto; padding: 8mm; }
h1 { font-size: 18pt; margin-bottom: 0; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.6em; } h3 { margin-bottom: .2em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } td, th { border-bottom: 1px solid #e3e6ea; padding: 3px 6px; text-align: left; }
tr.missing td:nth-child(2), .missing { color: #c0392b; font-weight: 600; } tr.late td:nth-child(2) { color: #b36b00; }
.key { margin-right: 10px; font-size: 9pt; } .key i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.field, section.timeline .chart { break-inside: avoid; } section.timeline figure { margin: 0; } ol.marks { columns: 2; font-size: 9pt; padding-left: 1.4em; } tr.total td { font-weight: 600; } .edition { font-weight: 600; color: #3b73c4; } ul.measures { list-style: none; padding-left: 0; } ul.measures li { margin-bottom: 0.4em; } .measure-description { white-space: pre-line; margin: 0.2em 0 0 14px; overflow-wrap: anywhere; } ul.measures i { display: inline-block; width: 8px; height: 8px; margin-right: 6px; } .n, .none { color: #666; font-size: 9pt; }
${SWATCHES}
@media print { body { padding: 0; } }
</style></head><body>
<h1>${e(r.cycleName)}</h1><p>${e(r.milestoneTitle)}: ${e(w.dueCompiled(day(r.dueAt), day(r.compiledAt)))}</p>${edition}
${reportBodyHtml(r, options.words)}</body></html>
`;
}
