import { parse } from 'csv-parse/sync';
import type { ApiClient } from './api-client';

/** What a city's coordinator does in a Charter round: answers in time, answers late (after escalation), declines, or says nothing. */
export type CityBehaviour = 'prompt' | 'late' | 'decline' | 'never';

/** The commitments' rating levels, from better to worse, and the one outside the scale. */
const LEVELS = ['fully', 'partly', 'not-yet'] as const;

/** A small deterministic hash, so the demo's cities answer the same way on every run. */
function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * The demo's mix of 52 cities: most answer in time, some late, some decline (participation is
 * voluntary) and a few say nothing, as in the Charter's 2014/15 survey (20 of then 30 cities
 * answered). By the city's place in the list, so a run is repeatable.
 */
export function cityBehaviour(index: number): CityBehaviour {
  if (index % 9 === 4) return 'never';
  if (index % 7 === 3) return 'decline';
  if (index % 5 === 1) return 'late';
  return 'prompt';
}

/**
 * A city's self-evaluation: a rating per commitment (most cities a level better or the same as
 * in their previous round, when the history has one; a few rate a commitment lower), a
 * description of the measures for every rated commitment, and one good practice tagged with trends.
 */
export function simulatedAnswers(city: string, commitments: string[], trends: string[], previous: Record<string, string> = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = { 'take-part': true };
  for (const c of commitments) {
    const h = hash(`${city}:${c}`);
    const before = previous[c];
    let level: string;
    if (h % 13 === 0) level = 'not-applicable';
    else if (before && (LEVELS as readonly string[]).includes(before)) {
      const i = LEVELS.indexOf(before as (typeof LEVELS)[number]);
      // Most move up a level or stay; one in six moves down.
      level = h % 6 === 0 ? LEVELS[Math.min(i + 1, 2)] : h % 2 === 0 ? LEVELS[Math.max(i - 1, 0)] : LEVELS[i];
    } else level = LEVELS[h % 3];
    answers[c] = level;
    if (level !== 'not-applicable') answers[`${c}-measures`] = `${city}: measures on ${c.replace(/-/g, ' ')} since the last round.`;
  }
  const h = hash(city);
  answers['good-practices'] = [
    {
      title: `${city[0].toUpperCase()}${city.slice(1)} welcome desk`,
      description: 'One place where newcomers find every service, with interpreters.',
      trends: [trends[h % trends.length], trends[(h >>> 3) % trends.length]].filter((t, i, all) => all.indexOf(t) === i),
    },
  ];
  return answers;
}

interface TaskView {
  id: string;
  groupKey: string;
  status: string;
  escalationLevel: number;
}

/**
 * Plays the Charter's city coordinators against the API (as `ChairSimulator` plays the Pact's
 * chairs): each acts on its city's task when its moment comes, as a person would.
 */
export class CitySimulator {
  private readonly done = new Set<string>();

  constructor(
    private readonly api: ApiClient,
    private readonly behaviour: (city: string) => CityBehaviour,
    private readonly answersOf: (city: string) => Record<string, unknown>,
    private readonly log: (text: string) => void = () => undefined,
  ) {}

  private async answer(t: TaskView, answers: Record<string, unknown>, done: string): Promise<void> {
    this.done.add(t.id);
    const r = await this.api.request<{ message?: string[] | string }>('POST', `/tasks/${t.id}/answers`, { answers }, `chair:${t.groupKey}`);
    if (r.status === 409) return this.log(`skipped, the round had moved on: ${done}`);
    if (r.status >= 400) throw new Error(`POST /tasks/${t.id}/answers: ${r.status} ${JSON.stringify(r.body)}`);
    this.log(done);
  }

  async step(cycleId: string): Promise<void> {
    const tasks = await this.api.get<TaskView[]>(`/cycles/${cycleId}/tasks?limit=500`);
    for (const t of tasks) {
      if (this.done.has(t.id) || t.status === 'cancelled' || t.status === 'submitted') continue;
      const b = this.behaviour(t.groupKey);
      if (b === 'prompt' && t.status === 'open') await this.answer(t, this.answersOf(t.groupKey), `${t.groupKey} sent its self-evaluation`);
      else if (b === 'decline' && t.status === 'open')
        await this.answer(
          t,
          { 'take-part': false, 'decline-reason': 'Municipal elections this year: we take part in the next round.' },
          `${t.groupKey} declined this round`,
        );
      else if (b === 'late' && t.status === 'overdue')
        await this.answer(t, this.answersOf(t.groupKey), `${t.groupKey} sent its self-evaluation late, after its due date`);
    }
  }
}

/**
 * Each city's ratings in the newest year of a history file (city names as the file gives them,
 * matched to the cities' keys by any of their names), so the demo's cities answer in relation to
 * their previous round: most the same or better, a few worse.
 */
export function latestRatingsOf(csv: string, cities: { key: string; fieldOfAction: string | Record<string, string> }[]): Map<string, Record<string, string>> {
  const byName = new Map<string, string>();
  for (const c of cities)
    for (const n of typeof c.fieldOfAction === 'string' ? [c.fieldOfAction] : Object.values(c.fieldOfAction)) byName.set(n.toLowerCase(), c.key);
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const newest = new Map<string, number>();
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const city = byName.get(String(r.city).trim().toLowerCase()) ?? String(r.city).trim().toLowerCase();
    const year = Number(r['cycle year']);
    if (!r.rating || year < (newest.get(city) ?? 0)) continue;
    if (year > (newest.get(city) ?? 0)) out.set(city, {});
    newest.set(city, year);
    out.get(city)![r.commitment] = r.rating;
  }
  return out;
}
