import { HistoricAnswer } from './history-rows';

/** One participant's answers in a past cycle, in the order the file gave them. */
export interface HistoricParticipation {
  readonly participantKey: string;
  readonly answers: readonly { readonly questionKey: string; readonly ratingKey: string | null; readonly text: string }[];
}

/**
 * A cycle that ran before this engine, imported from a history file: only its year and its
 * answers, per participant. It is read-only: no tasks, deadlines or revisions, never opened for
 * reporting; it is there so a participant's trend starts at its first cycle (2013 for the
 * Charter), not at the first cycle run here.
 */
export interface HistoricCycle {
  readonly kind: 'historic';
  readonly year: number;
  /** By participant key. */
  readonly participations: readonly HistoricParticipation[];
}

/**
 * The rows of a history file (`readHistoryRows`, already checked) as one historic cycle per
 * year, oldest first, each with its participants by key and their answers in the file's order.
 * Frozen: a historic cycle is stored as imported.
 */
export function historicCycles(rows: readonly HistoricAnswer[]): readonly HistoricCycle[] {
  const byYear = new Map<number, Map<string, HistoricParticipation['answers'][number][]>>();
  for (const r of rows) {
    const participants = byYear.get(r.year) ?? new Map<string, HistoricParticipation['answers'][number][]>();
    byYear.set(r.year, participants);
    const answers = participants.get(r.participantKey) ?? [];
    participants.set(r.participantKey, answers);
    answers.push(Object.freeze({ questionKey: r.questionKey, ratingKey: r.ratingKey, text: r.text }));
  }
  return Object.freeze(
    [...byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, participants]) =>
        Object.freeze({
          kind: 'historic' as const,
          year,
          participations: Object.freeze(
            [...participants.entries()]
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([participantKey, answers]) => Object.freeze({ participantKey, answers: Object.freeze(answers) })),
          ),
        }),
      ),
  );
}
