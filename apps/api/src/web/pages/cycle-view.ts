import type { Language, LocalizedText, RatingsMatrix } from '@pact/domain';
import type { ProgressMatrix } from '@pact/engine';
import type { Translator } from '../i18n/translator';

/** How many groups the notice after starting names before it says "and N more". */
const NAMED_GROUPS = 5;

type Words = Pick<Translator, 't' | 'date' | 'text'>;

/**
 * The notice after "Start the cycle": what happened (the first milestone's requests went out, to
 * whom) or what will (they are being sent; they go out on a date), read from the requests that
 * exist now, never both.
 */
export function startedNotice(matrix: ProgressMatrix, i18n: Words, lang: Language): string {
  const { t, date } = i18n;
  const first = matrix.milestones.reduce((a, m) => (m.requestAt < a.requestAt ? m : a));
  if (first.progress.requested > 0) {
    const column = matrix.milestones.indexOf(first);
    const asked = matrix.rows
      .filter((r) => r.cells[column])
      .map((r) => i18n.text(r.fieldOfAction))
      .sort((a, b) => a.localeCompare(b, lang));
    const named = asked.slice(0, NAMED_GROUPS).join(', ');
    const groups = asked.length > NAMED_GROUPS ? t('cycle.started.more', { groups: named, count: asked.length - NAMED_GROUPS }) : named;
    return t('cycle.started.sent', { milestone: first.title, count: first.progress.requested, groups });
  }
  if (first.requestAt.getTime() <= matrix.now.getTime()) return t('cycle.started.sending', { milestone: first.title });
  return t('cycle.started.later', { milestone: first.title, date: date(first.requestAt) });
}

/**
 * What a cycle's page shows of its progress matrix: the rows by the group's name as this reader
 * reads it, and the notice after starting when the page was opened right after (`?started=1`).
 * Pure, so each branch is a unit test.
 */
export function cycleView(input: {
  matrix: ProgressMatrix;
  ratings?: (RatingsMatrix & { names: Map<string, LocalizedText> }) | null;
  started: unknown;
  i18n: Words;
  lang: Language;
}) {
  const { i18n, lang } = input;
  const matrix = {
    ...input.matrix,
    rows: [...input.matrix.rows].sort((a, b) => i18n.text(a.fieldOfAction).localeCompare(i18n.text(b.fieldOfAction), lang)),
  };
  return {
    cycle: matrix.cycle,
    matrix,
    ratings: input.ratings ? ratingsView(input.ratings, i18n, lang) : null,
    startedNotice: input.started === '1' ? startedNotice(matrix, i18n, lang) : null,
  };
}

/**
 * A round's ratings as the cycle page shows them: commitments numbered in the questionnaire's
 * order (the table's columns carry the number, the list above it the wording and each level's
 * count), rows sorted by the participant's name in the page language, each cell the level's
 * label, or the whole row saying the participant declined or has not answered yet.
 */
export function ratingsView(r: RatingsMatrix & { names: Map<string, LocalizedText> }, i18n: Words, lang: Language) {
  const label = new Map(r.levels.map((l) => [l.key, i18n.text(l.label)]));
  return {
    commitments: r.commitments.map((c, i) => ({
      number: i + 1,
      key: c.key,
      section: i18n.text(c.sectionTitle),
      label: i18n.text(c.label),
      counts: r.levels.map((l) => ({ level: label.get(l.key)!, count: r.counts[i][l.key] ?? 0 })),
    })),
    rows: r.rows
      .map((row) => ({
        participant: row.participant,
        name: i18n.text(r.names.get(row.participant) ?? row.participant),
        state: row.state,
        levels: row.levels.map((l) => (l === null ? null : { key: l, label: label.get(l) ?? l })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, lang)),
  };
}
