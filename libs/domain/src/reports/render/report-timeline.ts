import { ReportTimeline, TIMELINE_KINDS, TimelineBucket, TimelineKind } from '../timeline';
import { day, escapeHtml as e, escapeMarkdown as md } from './escape';
import type { ReportWords } from './report-words';
import type { InLanguage } from '../../texts/localized-text';

export const TIMELINE_COLOURS: Record<TimelineKind, string> = {
  requests: '#3b73c4',
  reminders: '#d9a400',
  escalations: '#c0392b',
  extensions: '#8e44ad',
  submissions: '#1b7f3b',
};

const MARK_COLOURS = { start: '#555', request: '#3b73c4', due: '#c0392b', compiled: '#1b7f3b' } as const;

const time = (d: Date | string) => new Date(d).getTime();

/** A bucket's name in tables and on the axis: `2027-03` for a month, the Monday's date for a week. */
export function periodLabel(b: Pick<TimelineBucket, 'start'>, granularity: 'week' | 'month', words: ReportWords): string {
  const iso = new Date(b.start).toISOString();
  return granularity === 'month' ? iso.slice(0, 7) : words.weekOf(iso.slice(0, 10));
}

/**
 * The timeline as one server-drawn SVG: a lane per kind of event, a bar per week or month
 * (its height the count relative to the lane's busiest period, the count written above it),
 * and the key moments as numbered dashed lines. Scales to the page width, no script.
 */
export function timelineSvg(t: ReportTimeline, words: ReportWords): string {
  const W = 680;
  const left = 92;
  const right = 8;
  const top = 22;
  const lane = 34;
  const axis = 20;
  const plotW = W - left - right;
  const H = top + lane * TIMELINE_KINDS.length + axis;
  const from = time(t.buckets[0]?.start ?? t.from);
  const to = time(t.buckets[t.buckets.length - 1]?.end ?? t.to);
  const x = (d: Date | string) => left + ((time(d) - from) / Math.max(1, to - from)) * plotW;
  const out: string[] = [];

  TIMELINE_KINDS.forEach((kind, row) => {
    const y0 = top + row * lane;
    const max = Math.max(0, ...t.buckets.map((b) => b.counts[kind]));
    const bars = t.buckets
      .filter((b) => b.counts[kind] > 0)
      .map((b) => {
        const n = b.counts[kind];
        const x0 = x(b.start);
        const w = Math.max(1.5, x(b.end) - x0 - 1);
        const h = Math.max(2, (n / max) * (lane - 14));
        const extra =
          kind === 'submissions' && b.lateSubmissions
            ? `, ${words.late(b.lateSubmissions)}`
            : kind === 'escalations' && b.committeeEscalations
              ? `, ${words.toCommittee(b.committeeEscalations)}`
              : '';
        const label =
          w >= 12
            ? `<text class="value" font-size="7.5" fill="#333" x="${(x0 + w / 2).toFixed(1)}" y="${(y0 + lane - 4 - h - 2).toFixed(1)}" text-anchor="middle">${n}</text>`
            : '';
        return `<rect class="count" x="${x0.toFixed(1)}" y="${(y0 + lane - 4 - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${TIMELINE_COLOURS[kind]}"><title>${e(periodLabel(b, t.granularity, words))}: ${n} ${e(words.timelineKinds[kind].toLowerCase())}${e(extra)}</title></rect>${label}`;
      })
      .join('');
    out.push(
      `<g class="lane" data-kind="${kind}"><line x1="${left}" y1="${y0 + lane - 4}" x2="${W - right}" y2="${y0 + lane - 4}" stroke="#ccd1d6"/><text class="lane-label" font-size="9.5" fill="#222" x="${left - 6}" y="${y0 + lane - 8}" text-anchor="end">${e(words.timelineKinds[kind])}</text>${bars}</g>`,
    );
  });

  // Axis: at most about ten labels, whatever the number of buckets.
  const step = Math.max(1, Math.ceil(t.buckets.length / 10));
  const ticks = t.buckets
    .map((b, i) => ({ b, i }))
    .filter(({ i }) => i % step === 0)
    .map(({ b }) => {
      const x0 = x(b.start);
      const text = new Date(b.start).toISOString().slice(0, t.granularity === 'month' ? 7 : 10);
      // A label that would run off the right edge is left out; its tick stays.
      const label = x0 + text.length * 4.6 <= W ? `<text font-size="8" fill="#555" x="${x0.toFixed(1)}" y="${H - 5}" text-anchor="start">${text}</text>` : '';
      return `<line x1="${x0.toFixed(1)}" y1="${H - axis}" x2="${x0.toFixed(1)}" y2="${H - axis + 4}" stroke="#888"/>${label}`;
    })
    .join('');
  out.push(`<g class="axis">${ticks}</g>`);

  // Badges of moments close together (the cycle's start and its first request) sit side by side.
  let lastBadge = -Infinity;
  const marks = t.marks
    .map((m, i) => {
      const lx = x(m.at);
      const bx = Math.min(W - 8, Math.max(lx, lastBadge + 15));
      lastBadge = bx;
      const mx = lx.toFixed(1);
      return `<g class="mark" data-kind="${m.kind}"><line class="milestone" x1="${mx}" y1="${top - 4}" x2="${mx}" y2="${H - axis}" stroke="${MARK_COLOURS[m.kind]}" stroke-dasharray="3 2"/><circle cx="${bx.toFixed(1)}" cy="${top - 11}" r="7" fill="${MARK_COLOURS[m.kind]}"/><text class="badge" font-size="8" fill="#fff" font-weight="600" x="${bx.toFixed(1)}" y="${top - 8}" text-anchor="middle">${i + 1}</text><title>${i + 1}. ${e(m.label)}: ${day(m.at)}</title></g>`;
    })
    .join('');
  out.push(marks);

  return `<svg class="timeline" role="img" aria-label="${e(words.timelineLabel(t.granularity))}" width="100%" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" font-size="9">${out.join('')}</svg>`;
}

function summary(t: ReportTimeline, w: ReportWords): string {
  return w.timelineSummary(t.totals, t.committeeEscalations, t.lateSubmissions, day(t.from), day(t.to), t.granularity);
}

const cell = (w: ReportWords, b: Pick<TimelineBucket, 'counts' | 'lateSubmissions'>, k: TimelineKind) =>
  k === 'submissions' && b.lateSubmissions ? `${b.counts[k]} (${w.late(b.lateSubmissions)})` : String(b.counts[k] || '');

const busy = (b: TimelineBucket) => TIMELINE_KINDS.some((k) => b.counts[k] > 0);

/** The timeline section of the HTML report: the chart, its key moments, and a compact table of the busy periods. */
export function timelineHtml(t: InLanguage<ReportTimeline>, w: ReportWords, heading?: string): string {
  const legend = TIMELINE_KINDS.map((k) => `<span class="key"><i class="kind-${k}"></i>${e(w.timelineKinds[k].toLowerCase())}</span>`).join(' ');
  const marks = t.marks.map((m) => `<li data-kind="${m.kind}"><b>${day(m.at)}</b> ${e(m.label)}</li>`).join('');
  const rows = t.buckets
    .filter(busy)
    .map((b) => `<tr><td>${e(periodLabel(b, t.granularity, w))}</td>${TIMELINE_KINDS.map((k) => `<td>${e(cell(w, b, k))}</td>`).join('')}</tr>`)
    .join('');
  const total = `<tr class="total"><td>${e(w.all)}</td>${TIMELINE_KINDS.map((k) => `<td>${e(cell(w, { counts: t.totals, lateSubmissions: t.lateSubmissions }, k) || '0')}</td>`).join('')}</tr>`;
  // Heading, chart and key moments stay on one printed page; the table may run on.
  return `<section class="timeline"><div class="chart">${heading ?? `<h2>${e(w.timeline)}</h2>`}<p class="timeline-summary">${e(summary(t, w))}</p><p>${legend}</p>
<figure>${timelineSvg(t, w)}</figure>
<ol class="marks">${marks}</ol></div>
<table class="timeline-table"><tr><th>${e(w.period)}</th>${TIMELINE_KINDS.map((k) => `<th>${e(w.timelineKinds[k])}</th>`).join('')}</tr>${rows}${total}</table></section>`;
}

/** The timeline in Markdown: the key moments and the busy periods as a table. */
export function timelineMarkdown(t: InLanguage<ReportTimeline>, w: ReportWords): string[] {
  const out = [summary(t, w), '', w.keyMoments, ''];
  t.marks.forEach((m, i) => out.push(`${i + 1}. ${day(m.at)} ${md(m.label)}`));
  out.push('', `| ${w.period} | ${TIMELINE_KINDS.map((k) => w.timelineKinds[k]).join(' | ')} |`, `| --- |${TIMELINE_KINDS.map(() => ' ---: |').join('')}`);
  for (const b of t.buckets.filter(busy)) out.push(`| ${periodLabel(b, t.granularity, w)} | ${TIMELINE_KINDS.map((k) => cell(w, b, k)).join(' | ')} |`);
  out.push(`| **${w.all}** | ${TIMELINE_KINDS.map((k) => `**${cell(w, { counts: t.totals, lateSubmissions: t.lateSubmissions }, k) || '0'}**`).join(' | ')} |`);
  return out;
}
