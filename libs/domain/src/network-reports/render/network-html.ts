import { day, escapeHtml as e } from '../../reports/render/escape';
import type { InLanguage } from '../../texts/localized-text';
import type { NetworkReport, PeerGroup, RatingDistribution } from '../network-report';
import type { NetworkWords, PeerGrouping } from './network-words';

/**
 * A wide table in a region that scrolls sideways on a narrow screen (360 px) instead of the page;
 * focusable, so a keyboard can scroll it, and named, so a screen reader says what it holds.
 */
const scroller = (label: string, table: string) => `<div class="table-scroll" role="region" tabindex="0" aria-label="${e(label)}">${table}</div>`;

/** A network report with its texts from configuration in the reader's language (`inLanguage`). */
export type ReadableNetworkReport = InLanguage<NetworkReport>;
type Level = ReadableNetworkReport['levels'][number];

/** How a network report is shown: live, or a frozen published version; and its words in the reader's language. */
export interface NetworkRenderOptions {
  edition?: { version: number; publishedAt: Date | string; publishedBy?: string };
  words: NetworkWords;
}

/** The line naming a published version, shown under the title. */
export function networkEditionLine(o: NetworkRenderOptions): string {
  return o.edition ? o.words.publishedVersion(o.edition.version, day(o.edition.publishedAt)) : '';
}

/**
 * How a level is drawn: scored levels from the best score down take the colours in order,
 * levels outside the scale the grey. Each fill has at least 4.5:1 contrast with white (the
 * counts written on it, the page behind it), segments are parted by a white gap (adjacent fills
 * need not contrast with each other), and each level has its own pattern too, so no reader has
 * to tell levels apart by colour alone; the legend, the counts and the table name them.
 */
const SCORED_FILLS = ['#14613a', '#2c62a8', '#a34f00', '#6f3d8f', '#8a1c1c'];
const UNSCORED_FILL = '#5b6270';
/** Pattern marks drawn over the fill (dark, so white text on them keeps its contrast). */
const MARKS = ['', 'M0,8 L8,0', 'M2,2 h1.6 v1.6 h-1.6 z M6,6 h1.6 v1.6 h-1.6 z', 'M0,8 L8,0 M0,0 L8,8', 'M0,4 H8'];
const UNSCORED_MARKS = 'M0,4 H8 M4,0 V8';

interface LevelLook {
  key: string;
  fill: string;
  marks: string;
}

/** Each level's look, by its place on the scale (so a questionnaire's own levels get a look as well). */
export function levelLooks(levels: readonly Pick<Level, 'key' | 'score'>[]): LevelLook[] {
  const scored = levels.filter((l) => l.score !== null).sort((a, b) => b.score! - a.score!);
  return levels.map((l) => {
    const i = scored.indexOf(l);
    return i < 0
      ? { key: l.key, fill: UNSCORED_FILL, marks: UNSCORED_MARKS }
      : { key: l.key, fill: SCORED_FILLS[i % SCORED_FILLS.length], marks: MARKS[i % MARKS.length] };
  });
}

/**
 * The renderer's state for one document: SVG pattern ids must be unique in the page, so each
 * chart numbers its own (the same report always renders the same ids).
 */
function charts(r: ReadableNetworkReport, w: NetworkWords) {
  const looks = levelLooks(r.levels);
  let n = 0;
  const defs = (id: string) =>
    `<defs>${looks
      .map(
        (l, i) =>
          `<pattern id="${id}-${i}" patternUnits="userSpaceOnUse" width="8" height="8"><rect width="8" height="8" fill="${l.fill}"/>${l.marks ? `<path d="${l.marks}" stroke="#000" stroke-opacity="0.45" stroke-width="1.2" fill="#000" fill-opacity="0.45"/>` : ''}</pattern>`,
      )
      .join('')}</defs>`;

  const levelName = (key: string) => r.levels.find((l) => l.key === key)?.label ?? key;
  const percent = (d: RatingDistribution, key: string) => (key in d.shares ? w.formatPercent(d.shares[key]) : null);
  const mean = (d: RatingDistribution) => (d.meanScore === null ? '—' : w.formatNumber(d.meanScore));

  /** A bar's text alternative: every level with its count (and share when scored), then the mean. */
  const alt = (subject: string, d: RatingDistribution) => {
    if (!d.rated) return w.chartTextNone(subject);
    const parts = r.levels
      .map((l) => {
        const p = percent(d, l.key);
        return w.levelCount(l.label, p === null ? String(d.counts[l.key]) : w.countShare(d.counts[l.key], p));
      })
      .join(', ');
    return w.chartText(subject, d.unrated ? `${parts}, ${w.levelCount(w.unrated, String(d.unrated))}` : parts, mean(d));
  };

  /** One stacked horizontal bar: a segment per level given, its count written on it where it fits. */
  const bar = (subject: string, d: RatingDistribution) => {
    const id = `nr-chart-${++n}`;
    const W = 400;
    const H = 20;
    const text = alt(subject, d);
    let x = 0;
    const segments = d.rated
      ? looks
          .map((look, i) => {
            const count = d.counts[look.key];
            if (!count) return '';
            const span = (count / d.rated) * W;
            const label =
              span >= 16
                ? `<text x="${(x + span / 2).toFixed(1)}" y="14" text-anchor="middle" font-size="11" font-weight="700" fill="#fff">${count}</text>`
                : '';
            const seg = `<g class="segment" data-level="${e(look.key)}"><rect x="${x.toFixed(1)}" y="0" width="${span.toFixed(1)}" height="${H}" fill="url(#${id}-${i})" stroke="#fff" stroke-width="1.5"><title>${e(levelName(look.key))}: ${count}</title></rect>${label}</g>`;
            x += span;
            return seg;
          })
          .join('')
      : `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff" stroke="#5b6270" stroke-dasharray="3 2"/>`;
    return `<svg class="stacked-bar" role="img" aria-label="${e(text)}" width="100%" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif"><title>${e(text)}</title>${defs(id)}${segments}</svg>`;
  };

  /** The levels' key: a swatch in each level's look, and its name. */
  const legend = () => {
    const id = `nr-legend-${++n}`;
    const items = looks
      .map(
        (look, i) =>
          `<li><svg class="swatch" aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">${i === 0 ? defs(id) : ''}<rect width="16" height="16" fill="url(#${id}-${i})"/></svg> ${e(levelName(look.key))}</li>`,
      )
      .join('');
    return `<div class="legend"><span>${e(w.levels)}</span> <ul>${items}</ul></div>`;
  };

  /** A chart of several bars (a figure) and, after it, the table that says the same in numbers. */
  const chartWithTable = (caption: string, rowHead: string, rows: { label: string; d: RatingDistribution }[]) => {
    const bars = rows
      .map((row) => `<li><span class="bar-label">${e(row.label)}</span>${bar(row.label, row.d)}<span class="mean">${e(mean(row.d))}</span></li>`)
      .join('');
    const anyUnrated = rows.some((row) => row.d.unrated > 0);
    const head = `<tr><th scope="col">${e(rowHead)}</th>${r.levels.map((l) => `<th scope="col">${e(l.label)}</th>`).join('')}${anyUnrated ? `<th scope="col">${e(w.unrated)}</th>` : ''}<th scope="col">${e(w.meanScore)}</th></tr>`;
    const body = rows
      .map((row) => {
        const cells = r.levels.map((l) => {
          const p = percent(row.d, l.key);
          return `<td>${e(p === null ? String(row.d.counts[l.key]) : w.countShare(row.d.counts[l.key], p))}</td>`;
        });
        return `<tr><th scope="row">${e(row.label)}</th>${cells.join('')}${anyUnrated ? `<td>${row.d.unrated}</td>` : ''}<td>${e(mean(row.d))}</td></tr>`;
      })
      .join('');
    return `<figure class="network-chart"><figcaption>${e(caption)}</figcaption>${legend()}<ul class="bars">${bars}</ul></figure>
${scroller(w.tableCaption(caption), `<table class="distribution"><caption>${e(w.tableCaption(caption))}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`)}`;
  };

  return { chartWithTable, mean };
}

const SECTIONS = ['participation', 'ratings', 'change', 'peer-groups', 'cities', 'good-practices'] as const;

/**
 * The network report's content after its title: participation, ratings by role and commitment
 * (a chart and its table each), change since the previous round, peer groups, each city's
 * profile, good practices by trend. No script, no style attribute and no style element: charts
 * are SVG with presentation attributes, and layout comes from classes the standalone page's
 * stylesheet below (and the people's pages' stylesheet) define, so a page can show it inline
 * under its own Content-Security-Policy.
 */
export function networkReportBodyHtml(r: ReadableNetworkReport, w: NetworkWords): string {
  const { chartWithTable, mean } = charts(r, w);
  const levelName = (key: string | null) => (key === null ? '—' : (r.levels.find((l) => l.key === key)?.label ?? key));
  const commitmentName = new Map(r.roles.flatMap((role) => role.commitments.map((c) => [c.key, c.label] as const)));
  const roleName = new Map(r.roles.map((role) => [role.key, role.title] as const));
  const heading: Record<(typeof SECTIONS)[number], string> = {
    participation: w.participation,
    ratings: w.ratings,
    change: w.change,
    'peer-groups': w.peerGroups,
    cities: w.cities,
    'good-practices': w.goodPractices,
  };
  const h2 = (s: (typeof SECTIONS)[number]) => `<h2 id="network-${s}">${e(heading[s])}</h2>`;
  const out: string[] = [];

  out.push(
    `<nav class="contents" aria-labelledby="network-contents"><h2 id="network-contents">${e(w.contents)}</h2><ol>${SECTIONS.map((s) => `<li><a href="#network-${s}">${e(heading[s])}</a></li>`).join('')}</ol></nav>`,
  );

  const p = r.participation;
  out.push(
    `<section class="participation">${h2('participation')}<p class="summary">${e(
      w.participationSummary({
        tookPart: p.tookPart,
        signatories: p.signatories,
        rate: p.rate === null ? '—' : w.formatPercent(p.rate),
        declined: p.declined,
        reasons: p.declinedWithReason,
        noAnswer: p.noAnswer,
      }),
    )}</p>
<table class="participation"><tbody>${(
      [
        [w.signatories, p.signatories],
        [w.answered, p.answered],
        [w.tookPart, p.tookPart],
        [w.declined, p.declined],
        [w.declinedWithReason, p.declinedWithReason],
        [w.noAnswer, p.noAnswer],
        [w.rate, p.rate === null ? '—' : w.formatPercent(p.rate)],
      ] as const
    )
      .map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`)
      .join('')}</tbody></table></section>`,
  );

  const roles = r.roles
    .map(
      (role) =>
        `<section class="role" data-role="${e(role.key)}"><h3>${e(role.title)}</h3>${chartWithTable(
          w.chartCaption(role.title),
          w.commitment,
          role.commitments.map((c) => ({ label: c.label, d: c.distribution })),
        )}</section>`,
    )
    .join('\n');
  out.push(
    `<section class="ratings">${h2('ratings')}<p>${e(w.ratingsIntro)}</p>
<section class="roles"><h3>${e(w.allRoles)}</h3>${chartWithTable(
      w.rolesChartCaption,
      w.role,
      r.roles.map((role) => ({ label: role.title, d: role.distribution })),
    )}</section>
${roles}</section>`,
  );

  // Change: words, not colour, say the direction; arrows only repeat them.
  const arrow = { up: '↑', down: '↓', same: '=', new: '+', changed: '↔' } as const;
  const c = r.change;
  const changeBody = c
    ? `<p>${e(w.comparedWith(r.previousCycle?.name ?? '', r.previousCycle?.period ?? '', c.citiesInBoth))}</p>
<h3>${e(w.changeByCommitment)}</h3>${scroller(
        w.changeByCommitment,
        `<table class="change-by-commitment"><thead><tr><th scope="col">${e(w.commitment)}</th>${(['up', 'down', 'same', 'new', 'changed'] as const).map((d) => `<th scope="col">${arrow[d]} ${e(w.direction[d])}</th>`).join('')}</tr></thead><tbody>${c.byCommitment
          .map(
            (x) =>
              `<tr><th scope="row">${e(x.label)}</th>${(['up', 'down', 'same', 'new', 'changed'] as const).map((d) => `<td>${x.counts[d]}</td>`).join('')}</tr>`,
          )
          .join('')}</tbody></table>`,
      )}
<h3>${e(w.changeByCity)}</h3>${
        c.byCity.length
          ? scroller(
              w.changeByCity,
              `<table class="change-by-city"><thead><tr><th scope="col">${e(w.city)}</th><th scope="col">${e(w.commitment)}</th><th scope="col">${e(w.previousLevel)}</th><th scope="col">${e(w.level)}</th><th scope="col">${e(w.changeColumn)}</th></tr></thead><tbody>${c.byCity
                .map(
                  (x) =>
                    `<tr class="direction-${x.direction}"><td>${e(x.cityName)}</td><td>${e(commitmentName.get(x.commitment) ?? x.commitment)}</td><td>${e(levelName(x.previousLevel))}</td><td>${e(levelName(x.level))}</td><td>${arrow[x.direction]} ${e(w.direction[x.direction])}</td></tr>`,
                )
                .join('')}</tbody></table>`,
            )
          : `<p>${e(w.noRatings)}</p>`
      }`
    : `<p>${e(w.noPrevious)}</p>`;
  out.push(`<section class="change">${h2('change')}${changeBody}</section>`);

  const peers = (grouping: PeerGrouping, title: string, column: string, groups: PeerGroup[], name: (key: string) => string) => {
    const means = scroller(
      w.peerMeans[grouping],
      `<table class="peer-means"><caption>${e(w.peerMeans[grouping])}</caption><thead><tr><th scope="col">${e(w.commitment)}</th>${groups.map((g) => `<th scope="col">${e(name(g.key))}</th>`).join('')}</tr></thead><tbody>${r.roles
        .flatMap((role) => role.commitments)
        .map(
          (cm) =>
            `<tr><th scope="row">${e(cm.label)}</th>${groups.map((g) => `<td>${e(mean(g.commitments.find((x) => x.key === cm.key)!.distribution))}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody></table>`,
    );
    const taking = `<table class="peer-participation"><thead><tr><th scope="col">${e(column)}</th><th scope="col">${e(w.tookPart)}</th></tr></thead><tbody>${groups.map((g) => `<tr><th scope="row">${e(name(g.key))}</th><td>${e(w.tookPartOf(g.tookPart, g.signatories))}</td></tr>`).join('')}</tbody></table>`;
    return `<section class="peer-group"><h3>${e(title)}</h3>${taking}${chartWithTable(
      w.peerChart[grouping],
      column,
      groups.map((g) => ({ label: name(g.key), d: g.distribution })),
    )}${means}</section>`;
  };
  out.push(
    `<section class="peer-groups">${h2('peer-groups')}${peers('country', w.byCountry, w.country, r.peerGroups.byCountry, (k) => k)}
${peers('size', w.bySize, w.size, r.peerGroups.bySize, w.sizeName)}</section>`,
  );

  const num = (v: number | null) => (v === null ? '—' : w.formatNumber(v));
  const cities = r.cities
    .map((city) => {
      const head = `<h3>${e(city.name)}</h3><p class="city-facts">${e(w.country)}: ${e(city.country)} · ${e(w.size)}: ${e(w.sizeName(city.size))} · ${e(w.status[city.status])}</p>`;
      if (city.status !== 'took-part') return `<section class="city" id="city-${e(city.key)}">${head}<p>${e(w.notTakingPart)}</p></section>`;
      const rows = city.ratings
        .map((x) => {
          const evidence = [
            ...x.evidenceLinks.map((l) => `<a href="${e(l)}" rel="noopener noreferrer">${e(l)}</a>`),
            ...(x.evidenceFiles ? [e(w.files(x.evidenceFiles))] : []),
          ];
          const indicators = x.indicators.map(
            (i) =>
              `<li>${e(w.indicatorValues({ name: i.name, unit: i.unit, baseline: num(i.baseline), target: num(i.target), actual: num(i.actual) }))}${i.higherIsBetter === null ? '' : ` (${e(i.higherIsBetter ? w.higherIsBetter : w.lowerIsBetter)})`}</li>`,
          );
          return `<tr><td>${e(roleName.get(x.role) ?? x.role)}</td><th scope="row">${e(x.label)}</th><td>${e(levelName(x.level))}</td><td>${r.change ? `${e(levelName(x.previousLevel))}${x.direction ? ` (${e(w.direction[x.direction])})` : ''}` : '—'}</td><td class="text">${e(x.measures)}</td><td>${evidence.join('<br>')}</td><td>${indicators.length ? `<ul>${indicators.join('')}</ul>` : ''}</td></tr>`;
        })
        .join('');
      const practices = city.goodPractices.length
        ? `<h4>${e(w.cityGoodPractices)}</h4><ul>${city.goodPractices.map((g) => `<li><b>${e(g.title)}</b> ${e(g.description)}</li>`).join('')}</ul>`
        : '';
      return `<section class="city" id="city-${e(city.key)}">${head}${scroller(city.name, `<table class="city-ratings"><thead><tr><th scope="col">${e(w.role)}</th><th scope="col">${e(w.commitment)}</th><th scope="col">${e(w.level)}</th><th scope="col">${e(w.previousLevel)}</th><th scope="col">${e(w.measures)}</th><th scope="col">${e(w.evidence)}</th><th scope="col">${e(w.indicators)}</th></tr></thead><tbody>${rows}</tbody></table>`)}${practices}</section>`;
    })
    .join('\n');
  out.push(
    `<section class="cities">${h2('cities')}<ul class="city-index">${r.cities.map((c) => `<li><a href="#city-${e(c.key)}">${e(c.name)}</a></li>`).join('')}</ul>
${cities}</section>`,
  );

  const trends = r.goodPractices.byTrend
    .map(
      (t) =>
        `<section class="trend" data-trend="${e(t.trend)}"><h3>${e(t.label)}</h3>${
          t.practices.length
            ? `<ul>${t.practices.map((x) => `<li><b>${e(x.title)}</b> (<a href="#city-${e(x.city)}">${e(x.cityName)}</a>) ${e(x.description)}</li>`).join('')}</ul>`
            : `<p>${e(w.noPractices)}</p>`
        }</section>`,
    )
    .join('\n');
  out.push(`<section class="good-practices">${h2('good-practices')}<p>${e(w.goodPracticesSummary(r.goodPractices.total))}</p>${trends}</section>`);

  return out.join('\n') + '\n';
}

/** The network report as one standalone page: no external assets, no script, prints on A4. */
export function networkReportToHtml(r: ReadableNetworkReport, options: NetworkRenderOptions): string {
  const w = options.words;
  const edition = options.edition ? `<p class="edition">${e(networkEditionLine(options))}</p>` : '';
  return `<!doctype html>
<html lang="${w.lang}"><head><meta charset="utf-8"><title>${e(w.title(r.cycle.name))}</title>
<style>
@page { size: A4; margin: 16mm; }
body { font: 11pt/1.4 system-ui, sans-serif; color: #222; max-width: 190mm; margin: 0 auto; padding: 8mm; }
h1 { font-size: 18pt; margin-bottom: 0; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.6em; } h3 { margin-bottom: .2em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: .6em 0; } td, th { border-bottom: 1px solid #e3e6ea; padding: 3px 6px; text-align: left; vertical-align: top; }
.table-scroll { overflow-x: auto; } caption { text-align: left; font-weight: 600; padding: 3px 0; } td.text { white-space: pre-line; overflow-wrap: anywhere; }
figure.network-chart { margin: .6em 0; break-inside: avoid; } figcaption { font-weight: 600; }
.legend ul { display: inline; list-style: none; padding: 0; } .legend li { display: inline-block; margin-right: 12px; font-size: 9pt; } .legend svg { vertical-align: middle; }
ul.bars { list-style: none; padding: 0; margin: .3em 0; } ul.bars li { display: grid; grid-template-columns: 40% 1fr 3em; gap: 8px; align-items: center; margin-bottom: 4px; }
.bar-label { font-size: 9pt; } .mean { font-size: 9pt; font-weight: 600; text-align: right; }
.edition { font-weight: 600; color: #2c62a8; } .city { break-inside: avoid-page; } ul.city-index { columns: 4; font-size: 9pt; }
@media (max-width: 600px) { ul.bars li { grid-template-columns: 1fr 3em; gap: 2px 8px; } .bar-label { grid-column: 1 / -1; } ul.city-index { columns: 2; } }
@media print { body { padding: 0; } nav.contents { display: none; } }
</style></head><body>
<h1>${e(w.title(r.cycle.name))}</h1><p>${e(w.period(r.cycle.period))}</p>${edition}
${networkReportBodyHtml(r, w)}</body></html>
`;
}
