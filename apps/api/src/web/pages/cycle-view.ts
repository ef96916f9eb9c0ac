import type { Language } from '@pact/domain';
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
export function cycleView(input: { matrix: ProgressMatrix; started: unknown; i18n: Words; lang: Language }) {
  const { i18n, lang } = input;
  const matrix = {
    ...input.matrix,
    rows: [...input.matrix.rows].sort((a, b) => i18n.text(a.fieldOfAction).localeCompare(i18n.text(b.fieldOfAction), lang)),
  };
  return { cycle: matrix.cycle, matrix, startedNotice: input.started === '1' ? startedNotice(matrix, i18n, lang) : null };
}
