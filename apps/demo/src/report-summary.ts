/** Renders a compiled implementation report as readable text for the terminal. */
export function summariseReport(r: any): string {
  const out: string[] = [];
  const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
  const day = (d?: string) => (d ? String(d).slice(0, 10) : '');
  out.push(`${r.cycleName} — ${r.milestoneTitle} (compiled ${day(r.compiledAt)}, due ${day(r.dueAt)})`);
  out.push('');
  out.push(`Coverage: ${r.coverage.onTime} on time, ${r.coverage.late} late, ${r.coverage.missing} missing of ${r.coverage.total} working groups`);
  out.push('');
  out.push(`  ${pad('Field of action', 58)} ${pad('report', 9)} ${pad('rev', 4)} ${pad('esc', 4)} measures (impl/prog/plan/none/disc)`);
  for (const g of r.coverage.byGroup) {
    const f = r.fields.find((x: any) => x.groupKey === g.groupKey);
    const m = f.measuresByStatus;
    const measures = f.submitted ? `${m.implemented}/${m['in-progress']}/${m.planned}/${m['not-started']}/${m.discontinued}` : '—';
    const state = g.state + (g.extended ? '*' : '');
    out.push(`  ${pad(g.fieldOfAction, 58)} ${pad(state, 9)} ${pad(String(g.revision ?? '—'), 4)} ${pad(String(g.escalationLevel || '—'), 4)} ${measures}`);
  }
  out.push('  (* deadline extended; esc = highest escalation level reached)');
  out.push('');
  const t = r.totals;
  out.push(
    `Measures: ${t.measures} reported — ${t.measuresByStatus.implemented} implemented, ${t.measuresByStatus['in-progress']} in progress, ${t.measuresByStatus.planned} planned, ${t.measuresByStatus['not-started']} not started, ${t.measuresByStatus.discontinued} discontinued`,
  );
  out.push(`Indicators: ${t.indicatorsAchieved} of ${t.indicators} at or beyond target`);
  const indicators = r.fields.flatMap((f: any) => f.indicators.map((i: any) => ({ ...i, group: f.groupKey })));
  for (const i of indicators.slice(0, 8)) {
    const pct = i.progress === null ? 'n/a' : `${Math.round(i.progress * 100)}%`;
    out.push(
      `  ${pad(i.name, 56)} ${String(i.baseline).padStart(5)} → ${String(i.actual).padStart(5)} (target ${i.target} ${i.unit}; ${pct} of the way)${i.achieved ? ' ✓' : ''}`,
    );
  }
  if (indicators.length > 8) out.push(`  … and ${indicators.length - 8} more`);
  out.push('');
  for (const [label, key] of [
    ['Good practices', 'goodPractices'],
    ['Obstacles', 'obstacles'],
    ['Recommendations', 'recommendations'],
  ] as const) {
    const items = r.fields.flatMap((f: any) => f[key]);
    out.push(`${label} (${items.length}):`);
    for (const s of items.slice(0, 3)) out.push(`  - ${s}`);
    if (items.length > 3) out.push(`  … and ${items.length - 3} more`);
  }
  out.push('');
  const c = r.changeSincePrevious;
  if (c) {
    const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
    out.push(`Change since ${c.previousCycleName} (compiled ${day(c.previousCompiledAt)}):`);
    out.push(`  coverage: on time ${sign(c.coverage.onTime)}, late ${sign(c.coverage.late)}, missing ${sign(c.coverage.missing)}`);
    out.push(`  measures implemented ${sign(c.measuresImplemented)}, indicators at target ${sign(c.indicatorsAchieved)}`);
    const moved = c.fields.filter((f: any) => f.coverage.previous !== f.coverage.current);
    for (const f of moved.slice(0, 6)) out.push(`  ${pad(f.fieldOfAction, 58)} ${f.coverage.previous} → ${f.coverage.current}`);
  } else {
    out.push('Change since the previous cycle: no previous cycle of this kind has been compiled.');
  }
  return out.join('\n');
}

/** The Charter round's network report in a few lines: participation, each role's ratings, what moved since the previous round. */
export function summariseNetworkReport(n: any): string {
  const en = (t: any) => (typeof t === 'string' ? t : (t?.en ?? ''));
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
  const p = n.participation;
  const lines = [
    `${en(n.cycle.name)} (${n.cycle.period}): network report`,
    `  participation: ${p.tookPart} of ${p.signatories} signatory cities took part (${pct(p.rate)}), ${p.declined} declined, ${p.noAnswer} said nothing`,
  ];
  for (const role of n.roles) {
    const d = role.distribution;
    const shares = n.levels
      .filter((l: any) => l.score !== null)
      .map((l: any) => `${l.key} ${pct(d.shares[l.key] ?? 0)}`)
      .join(', ');
    lines.push(`  ${en(role.title)}: ${d.rated} ratings — ${shares}; mean ${d.meanScore === null ? '–' : d.meanScore.toFixed(2)}`);
  }
  if (n.change) {
    const total = (dir: string) => n.change.byCommitment.reduce((s: number, c: any) => s + c.counts[dir], 0);
    lines.push(
      `  since ${en(n.previousCycle.name)}: ${n.change.citiesInBoth} cities in both rounds; ratings up ${total('up')}, down ${total('down')}, same ${total('same')}, new ${total('new')}`,
    );
  } else lines.push('  no previous round to compare with');
  lines.push(`  good practices: ${n.goodPractices.total}, by trend: ${n.goodPractices.byTrend.map((t: any) => `${t.trend} ${t.practices.length}`).join(', ')}`);
  return lines.join('\n');
}
