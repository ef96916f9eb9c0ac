import { CHARTER_COMMITMENTS } from '@pact/domain/testing/charter-scheme';

/**
 * A Charter city taking part, as its coordinator answers through the API: every commitment rated
 * `level` (a rated one described, as the questionnaire requires), except those given in `over`.
 */
export function takingPart(level: string, over: Record<string, string> = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = { 'take-part': true };
  for (const c of CHARTER_COMMITMENTS) {
    answers[c] = over[c] ?? level;
    if (answers[c] !== 'not-applicable') answers[`${c}-measures`] = `What the city did on ${c}`;
  }
  return answers;
}

/** A Charter round of `cities` as its committee starts it over the API: open now, due in 60 days, compiled in 90. */
export function charterRound(name: string, cities: string[], start: Date) {
  const at = (days: number) => new Date(start.getTime() + days * 86_400_000).toISOString();
  return {
    programme: 'charter',
    name,
    start: start.toISOString(),
    lengthMonths: 24,
    groups: cities,
    milestones: [{ key: 'survey', title: 'Self-evaluation', kind: 'final', requestAt: start.toISOString(), dueAt: at(60), compileAt: at(90) }],
  };
}
