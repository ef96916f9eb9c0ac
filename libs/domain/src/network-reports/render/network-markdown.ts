import { escapeMarkdown as md } from '../../reports/render/escape';
import type { RatingDistribution } from '../network-report';
import { networkEditionLine, type NetworkRenderOptions, type ReadableNetworkReport } from './network-html';

const DIRECTIONS = ['up', 'down', 'same', 'new', 'changed'] as const;

/**
 * The network report as Markdown, for wikis and e-mail: the HTML report's sections, each chart
 * as its table. Every value from people or configuration goes through `md` (escapeMarkdown).
 */
export function networkReportToMarkdown(r: ReadableNetworkReport, options: NetworkRenderOptions): string {
  const w = options.words;
  const out: string[] = [];
  const levelName = (key: string | null) => (key === null ? '—' : md(r.levels.find((l) => l.key === key)?.label ?? key));
  const mean = (d: RatingDistribution) => (d.meanScore === null ? '—' : w.formatNumber(d.meanScore));
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  /** A size band's name: the catalog's words as they are, a band it does not name (the configuration's key) escaped. */
  const sizeName = (band: string) => (w.sizeName(band) === band ? md(band) : w.sizeName(band));
  /** A distribution table; `escape` false: the labels are written here, their parts already escaped. */
  const table = (head: string, rows: { label: string; d: RatingDistribution }[], escape = true) => {
    out.push(row([head, ...r.levels.map((l) => md(l.label)), w.unrated, w.meanScore]), `| --- |${r.levels.map(() => ' ---: |').join('')} ---: | ---: |`);
    for (const x of rows) {
      const cells = r.levels.map((l) =>
        l.key in x.d.shares ? w.countShare(x.d.counts[l.key], w.formatPercent(x.d.shares[l.key])) : String(x.d.counts[l.key]),
      );
      out.push(row([escape ? md(x.label) : x.label, ...cells, String(x.d.unrated), mean(x.d)]));
    }
    out.push('');
  };

  out.push(`# ${md(w.title(r.cycle.name))}`, '', md(w.period(r.cycle.period)), '');
  if (options.edition) out.push(`**${md(networkEditionLine(options))}.**`, '');

  const p = r.participation;
  const rate = p.rate === null ? '—' : w.formatPercent(p.rate);
  out.push(
    `## ${w.participation}`,
    '',
    w.participationSummary({
      tookPart: p.tookPart,
      signatories: p.signatories,
      rate,
      declined: p.declined,
      reasons: p.declinedWithReason,
      noAnswer: p.noAnswer,
    }),
    '',
    `| ${w.participation} | |`,
    '| --- | ---: |',
    ...(
      [
        [w.signatories, p.signatories],
        [w.answered, p.answered],
        [w.tookPart, p.tookPart],
        [w.declined, p.declined],
        [w.declinedWithReason, p.declinedWithReason],
        [w.noAnswer, p.noAnswer],
        [w.rate, rate],
      ] as const
    ).map(([k, v]) => row([k, String(v)])),
    '',
  );

  out.push(`## ${w.ratings}`, '', w.ratingsIntro, '', `### ${w.allRoles}`, '');
  table(
    w.role,
    r.roles.map((role) => ({ label: role.title, d: role.distribution })),
  );
  for (const role of r.roles) {
    out.push(`### ${md(role.title)}`, '');
    table(
      w.commitment,
      role.commitments.map((c) => ({ label: c.label, d: c.distribution })),
    );
  }

  out.push(`## ${w.change}`, '');
  const c = r.change;
  if (!c) out.push(w.noPrevious, '');
  else {
    const commitmentName = new Map(r.roles.flatMap((role) => role.commitments.map((x) => [x.key, x.label] as const)));
    out.push(w.comparedWith(md(r.previousCycle?.name), md(r.previousCycle?.period), c.citiesInBoth), '', `### ${w.changeByCommitment}`, '');
    out.push(row([w.commitment, ...DIRECTIONS.map((d) => w.direction[d])]), `| --- |${DIRECTIONS.map(() => ' ---: |').join('')}`);
    for (const x of c.byCommitment) out.push(row([md(x.label), ...DIRECTIONS.map((d) => String(x.counts[d]))]));
    out.push('', `### ${w.changeByCity}`, '');
    if (!c.byCity.length) out.push(w.noRatings, '');
    else {
      out.push(row([w.city, w.commitment, w.previousLevel, w.level, w.changeColumn]), '| --- | --- | --- | --- | --- |');
      for (const x of c.byCity)
        out.push(
          row([md(x.cityName), md(commitmentName.get(x.commitment) ?? x.commitment), levelName(x.previousLevel), levelName(x.level), w.direction[x.direction]]),
        );
      out.push('');
    }
  }

  out.push(`## ${w.peerGroups}`, '');
  for (const [title, groups, name] of [
    [w.byCountry, r.peerGroups.byCountry, md],
    [w.bySize, r.peerGroups.bySize, sizeName],
  ] as const) {
    out.push(`### ${title}`, '');
    table(
      title,
      groups.map((g) => ({ label: `${name(g.key)} (${w.tookPartOf(g.tookPart, g.signatories)})`, d: g.distribution })),
      false,
    );
    out.push(row([w.commitment, ...groups.map((g) => name(g.key))]), `| --- |${groups.map(() => ' ---: |').join('')}`);
    for (const cm of r.roles.flatMap((role) => role.commitments))
      out.push(row([md(cm.label), ...groups.map((g) => mean(g.commitments.find((x) => x.key === cm.key)!.distribution))]));
    out.push('');
  }

  out.push(`## ${w.cities}`, '');
  for (const city of r.cities) {
    out.push(`### ${md(city.name)}`, '', `${w.country}: ${md(city.country)} · ${w.size}: ${sizeName(city.size)} · ${w.status[city.status]}`, '');
    if (city.status !== 'took-part') {
      out.push(w.notTakingPart, '');
      continue;
    }
    out.push(row([w.commitment, w.level, w.previousLevel, w.measures, w.evidence]), '| --- | --- | --- | --- | --- |');
    for (const x of city.ratings) {
      const evidence = [...x.evidenceLinks.map(md), ...(x.evidenceFiles ? [w.files(x.evidenceFiles)] : [])].join('; ');
      const before = r.change ? `${levelName(x.previousLevel)}${x.direction ? ` (${w.direction[x.direction]})` : ''}` : '—';
      out.push(row([md(x.label), levelName(x.level), before, md(x.measures), evidence]));
    }
    const indicators = city.ratings.flatMap((x) =>
      x.indicators.map(
        (i) =>
          `- ${md(x.label)}: ${w.indicatorValues({
            name: md(i.name),
            unit: md(i.unit),
            baseline: i.baseline === null ? '—' : w.formatNumber(i.baseline),
            target: i.target === null ? '—' : w.formatNumber(i.target),
            actual: i.actual === null ? '—' : w.formatNumber(i.actual),
          })}`,
      ),
    );
    if (indicators.length) out.push('', `**${w.indicators}**`, '', ...indicators);
    if (city.goodPractices.length)
      out.push('', `**${w.cityGoodPractices}**`, '', ...city.goodPractices.map((g) => `- **${md(g.title)}:** ${md(g.description)}`));
    out.push('');
  }

  out.push(`## ${w.goodPractices}`, '', w.goodPracticesSummary(r.goodPractices.total), '');
  for (const t of r.goodPractices.byTrend) {
    out.push(`### ${md(t.label)}`, '');
    if (!t.practices.length) out.push(w.noPractices);
    else for (const x of t.practices) out.push(`- **${md(x.title)}** (${md(x.cityName)}): ${md(x.description)}`);
    out.push('');
  }
  return out.join('\n');
}
