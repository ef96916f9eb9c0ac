import { LocalizedText } from '../texts/localized-text';
import type { Questionnaire, RatingQuestion } from '../questionnaires/questionnaire';

/**
 * What a history file is checked against: the programme's participants, questions and rating
 * levels, and the cycle years that may be imported. It is a parameter, not read from a
 * programme's configuration here, so the history rules stand apart from how programmes are
 * configured (docs/guide/history-import.md).
 */
export interface HistoryScheme {
  /** The participants (the Charter's cities): a row names one by its key or by its name in any language ("Munich", "München"). */
  participants: readonly { key: string; name: LocalizedText }[];
  /** The questions a rating answers (the Charter's 11 commitments), by key. */
  questionKeys: readonly string[];
  /** The rating levels, in order: a row names one by its key or by its label in any language ("partly", "Teilweise", "Partiellement"). */
  ratingLevels: readonly { key: string; label: LocalizedText }[];
  /** The first and the last cycle year that may be imported, both included (e.g. 2010 to this year). */
  years: { from: number; to: number };
  /** The longest text an answer may hold; the report template's limit when not given. */
  maxTextLength?: number;
}

/** The columns a history file must have, in this order in the documentation (any order in a file). */
export const HISTORY_COLUMNS = ['city', 'cycle year', 'commitment', 'rating', 'text'] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/**
 * The header names each column may have, in English, German and French, as written in the
 * guide. Compared folded (`foldName`: case, spaces, hyphens, underscores and accents ignored),
 * so "Cycle Year", "cycle_year" and "ANNEE DU CYCLE" all name the year.
 */
export const HISTORY_HEADER_NAMES: Readonly<Record<HistoryColumn, Readonly<Record<'en' | 'de' | 'fr', readonly string[]>>>> = {
  city: { en: ['city', 'participant'], de: ['Stadt', 'Teilnehmer'], fr: ['ville', 'participant'] },
  'cycle year': { en: ['cycle year', 'year', 'cycle'], de: ['Zyklusjahr', 'Jahr', 'Zyklus'], fr: ['année du cycle', 'année', 'cycle'] },
  commitment: { en: ['commitment', 'question'], de: ['Verpflichtung', 'Frage'], fr: ['engagement', 'question'] },
  rating: { en: ['rating', 'level'], de: ['Bewertung', 'Stufe'], fr: ['évaluation', 'niveau'] },
  text: { en: ['text', 'description'], de: ['Text', 'Beschreibung'], fr: ['texte', 'description'] },
};

/**
 * A name as compared when read from a file: Unicode-normalised, lower case, without accents,
 * spaces, hyphens or underscores. One rule for header names, participants, question keys and
 * rating levels, so "not yet", "Not-Yet" and "not_yet" are one level and "Malmo" is "Malmö".
 */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\-_\uFEFF]/gu, '');
}

/**
 * What a history file of a programme is checked against, from the programme itself: its
 * participants, and its questionnaire's rating questions (the Charter's commitments) with their
 * levels. A history row holds one rating per question, so the rating questions must share one
 * scale; a questionnaire whose ratings differ cannot be imported into and says which differs.
 */
export function historySchemeOf(questionnaire: Questionnaire, participants: HistoryScheme['participants'], years: HistoryScheme['years']): HistoryScheme {
  const ratings = questionnaire.sections.flatMap((s) => s.questions).filter((q): q is RatingQuestion => q.type === 'rating');
  if (ratings.length === 0) throw new Error(`questionnaire ${questionnaire.key} has no rating question a history file could answer`);
  const scale = (q: RatingQuestion) => q.levels.map((l) => l.key).join(',');
  const other = ratings.find((q) => scale(q) !== scale(ratings[0]));
  if (other)
    throw new Error(`questionnaire ${questionnaire.key}: the rating ${other.key} has other levels than ${ratings[0].key}; a history file needs one scale`);
  return {
    participants: participants.map((p) => ({ key: p.key, name: p.name })),
    questionKeys: ratings.map((q) => q.key),
    ratingLevels: ratings[0].levels.map((l) => ({ key: l.key, label: l.label })),
    years,
  };
}
