import { ApiClient } from './api-client';

/**
 * How a simulated chair behaves towards each report request:
 *  - prompt:    submits soon after the request, on time
 *  - reviser:   submits on time, then sends a corrected revision
 *  - extension: asks for more time; the committee grants 14 days; submits before the new date
 *  - late:      ignores reminders and the first escalation; submits once the committee is involved
 *  - never:     never submits
 */
export type ChairBehaviour = 'prompt' | 'reviser' | 'extension' | 'late' | 'never';

interface TaskView {
  id: string;
  groupKey: string;
  milestoneKey: string;
  status: string;
  dueAt: string;
  escalationLevel: number;
  latestRevision: number;
  extensions: unknown[];
}

const MEASURE_TITLES: Record<string, string[]> = {
  default: ['Mentoring programme for newcomers', 'Multilingual information desk', 'Training for front-line staff', 'Partnership with migrant associations'],
};
export interface IndicatorDef {
  key: string;
  unit: string;
  higherIsBetter?: boolean;
}

const STATUSES = ['not-started', 'planned', 'in-progress', 'implemented', 'discontinued'] as const;

/** Deterministic content per group, milestone and revision, so runs are comparable. */
export function simulatedReport(groupKey: string, indicatorKeys: IndicatorDef[], seed: number, maturity: number) {
  let x = [...`${groupKey}-${seed}`].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 9973, 7);
  const next = () => (x = (x * 7919 + 13) % 9973) / 9973;
  const titles = MEASURE_TITLES.default;
  const measures = titles.map((t, i) => {
    // Later milestones (higher maturity) move measures up the scale.
    const step = Math.min(3, Math.floor(next() * 3) + maturity + (i === 0 ? 1 : 0));
    const status = next() < 0.08 ? 'discontinued' : STATUSES[step];
    return { title: t, status };
  });
  const indicators = indicatorKeys.map((d) => {
    const baseline = Math.round(20 + next() * 80);
    const lowerIsBetter = d.higherIsBetter === false;
    const target = lowerIsBetter ? Math.round(baseline * 0.7) : Math.round(baseline * 1.5);
    const progress = Math.min(1.2, 0.3 + maturity * 0.35 + next() * 0.3);
    return { key: d.key, baseline, target, actual: Math.round(baseline + (target - baseline) * progress) };
  });
  return {
    measures,
    indicators,
    goodPractices: [`${groupKey}: a one-stop shop run jointly with civil society`],
    obstacles: next() < 0.5 ? [`${groupKey}: short-term project funding`] : [`${groupKey}: little data broken down by migrant background`],
    recommendations: [`${groupKey}: pool budgets across levels of government`],
  };
}

/**
 * Plays the chairs (and the committee's extension decisions) against the API. It only
 * reacts to what the API shows, as a person using the product would.
 */
export class ChairSimulator {
  private readonly done = new Set<string>();
  private indicators = new Map<string, IndicatorDef[]>();

  constructor(
    private readonly api: ApiClient,
    private readonly behaviour: (groupKey: string, milestoneKey: string) => ChairBehaviour,
    private readonly log: (text: string) => void = () => undefined,
  ) {}

  setIndicators(groupKey: string, defs: IndicatorDef[]): void {
    this.indicators.set(groupKey, defs);
  }

  /**
   * One action, as a person takes it from what the page showed a moment ago: when the cycle moved
   * on meanwhile (409: submitted, compiled, completed), it is said and skipped, not a failure.
   */
  private async act(path: string, body: unknown, actor: string, done: string): Promise<void> {
    const r = await this.api.request<{ message?: string[] | string }>('POST', path, body, actor);
    if (r.status === 409) return this.log(`skipped, the cycle had moved on (${[r.body?.message].flat().join('; ')}): ${done}`);
    // A date chosen a moment ago can be past by the time it is sent on a busy machine (cycle time runs on): the engine refuses it, as it should.
    if (r.status === 400 && path.endsWith('/extensions'))
      return this.log(`skipped, its date had passed meanwhile (${[r.body?.message].flat().join('; ')}): ${done}`);
    if (r.status >= 400) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    this.log(done);
  }

  /** One look at the inbox: act on every task whose moment has come. */
  async step(cycleId: string): Promise<void> {
    const tasks = await this.api.get<TaskView[]>(`/cycles/${cycleId}/tasks?limit=500`);
    for (const t of tasks) {
      const b = this.behaviour(t.groupKey, t.milestoneKey);
      const key = (what: string) => `${t.id}:${what}`;
      const maturity = t.milestoneKey === 'final' ? 2 : 1;
      const report = (rev: number) => simulatedReport(t.groupKey, this.indicators.get(t.groupKey) ?? [], rev, maturity);
      const chair = `chair:${t.groupKey}`;
      if (t.status === 'cancelled' || b === 'never') continue;

      if ((b === 'prompt' || b === 'reviser') && t.status === 'open' && !this.done.has(key('submit'))) {
        this.done.add(key('submit'));
        await this.act(`/tasks/${t.id}/submissions`, report(1), chair, `${t.groupKey} submitted its ${t.milestoneKey} report`);
      } else if (b === 'reviser' && t.status === 'submitted' && t.latestRevision === 1 && !this.done.has(key('revise'))) {
        this.done.add(key('revise'));
        await this.act(`/tasks/${t.id}/submissions`, report(2), chair, `${t.groupKey} sent a corrected revision (2) of its ${t.milestoneKey} report`);
      } else if (b === 'extension' && t.status === 'open' && t.extensions.length === 0 && !this.done.has(key('extend'))) {
        this.done.add(key('extend'));
        // Two weeks after the due date, or after now when the decision comes late (cycle time runs on while the committee acts).
        const now = new Date((await this.api.site<{ now: string }>('GET', '/health')).body.now).getTime();
        const newDue = new Date(Math.max(new Date(t.dueAt).getTime(), now + 86_400_000) + 14 * 86_400_000).toISOString();
        await this.act(
          `/tasks/${t.id}/extensions`,
          { dueAt: newDue, reason: 'Chair replaced mid-term; new chair needs time to gather data' },
          'committee',
          `committee extended ${t.groupKey}'s ${t.milestoneKey} deadline by 14 days`,
        );
      } else if (b === 'extension' && t.status === 'open' && t.extensions.length > 0 && !this.done.has(key('submit'))) {
        this.done.add(key('submit'));
        await this.act(`/tasks/${t.id}/submissions`, report(1), chair, `${t.groupKey} submitted within its extension`);
      } else if (b === 'late' && t.status === 'overdue' && t.escalationLevel >= 2 && !this.done.has(key('submit'))) {
        this.done.add(key('submit'));
        await this.act(`/tasks/${t.id}/submissions`, report(1), chair, `${t.groupKey} submitted late, after escalation to the committee`);
      }
    }
  }
}
