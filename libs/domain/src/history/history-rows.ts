import { DEFAULT_LIMITS } from '../templates/report-template';
import { LANGUAGES } from '../texts/languages';
import { LocalizedText } from '../texts/localized-text';
import { codePointOf, NOT_IN_A_LINE, textProblems } from '../texts/text-rules';
import { foldName, HISTORY_COLUMNS, HISTORY_HEADER_NAMES, HistoryColumn, HistoryScheme } from './history-scheme';

/** One answer of a past cycle, read from one row of a history file. */
export interface HistoricAnswer {
  participantKey: string;
  year: number;
  questionKey: string;
  /** The rating level's key; null when the row gives a text only. */
  ratingKey: string | null;
  /** The text as written (line breaks as LF, outer spaces trimmed); '' when the row gives a rating only. */
  text: string;
}

export type HistoryRule =
  | 'missing-column'
  | 'duplicate-column'
  | 'required'
  | 'unknown-city'
  | 'ambiguous-city'
  | 'unknown-commitment'
  | 'unknown-rating'
  | 'rating-or-text-required'
  | 'not-a-year'
  | 'year-out-of-range'
  | 'duplicate-answer'
  | 'too-long'
  | 'text-characters'
  | 'cell-without-column';

/**
 * One thing wrong in a history file. `row` as a spreadsheet shows it (1 is the header row);
 * `column` as its letter and header, "C (commitment)", or the column's name alone when the
 * column is missing.
 */
export interface HistoryProblem {
  row: number;
  column: string;
  rule: HistoryRule;
  message: string;
}

export type HistoryReading = { rows: HistoricAnswer[]; problems?: undefined } | { problems: HistoryProblem[]; rows?: undefined };

/**
 * A history file's rows, checked against `scheme`: `table` is the file's first sheet as text,
 * row by row (`table[0]` the header). Every problem is collected, not just the first; when
 * there is any, no row is returned, so an import takes the whole file or nothing. Rows whose
 * cells are all empty are skipped. The rules are listed in docs/guide/history-import.md.
 */
export function readHistoryRows(table: readonly (readonly string[])[], scheme: HistoryScheme): HistoryReading {
  const header = table[0] ?? [];
  const { columns, problems } = headerColumns(header);
  if (problems.length > 0) return { problems };

  const lookups = lookupsOf(scheme);
  const maxText = scheme.maxTextLength ?? DEFAULT_LIMITS.maxTextLength;
  const rows: HistoricAnswer[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < table.length; i++) {
    const cells = table[i];
    if (cells.every((c) => c.trim() === '')) continue;
    const row = i + 1;
    const at = (column: HistoryColumn) => columnLabel(columns[column], header);
    const cell = (column: HistoryColumn) => (cells[columns[column]] ?? '').trim();
    const problem = (column: HistoryColumn, rule: HistoryRule, message: string) => problems.push({ row, column: at(column), rule, message });
    const before = problems.length;

    const participantKey = lookupOrProblem(cell('city'), lookups.participants, (value, keys) => {
      if (value === '') problem('city', 'required', 'is empty: name the city by its key or its name');
      else if (keys.length > 1) problem('city', 'ambiguous-city', `${shown(value)} names more than one city (${keys.join(', ')}): use the key`);
      else problem('city', 'unknown-city', `${shown(value)} is not a city of this programme: use its key or its name in English, German or French`);
    });

    const year = yearOrProblem(cell('cycle year'), scheme.years, (rule, message) => problem('cycle year', rule, message));

    const questionKey = lookupOrProblem(cell('commitment'), lookups.questions, (value) => {
      if (value === '') problem('commitment', 'required', 'is empty: name the commitment by its key');
      else problem('commitment', 'unknown-commitment', `${shown(value)} is not a commitment of this programme: use one of ${scheme.questionKeys.join(', ')}`);
    });

    if (participantKey !== null && year !== null && questionKey !== null) {
      const key = `${participantKey}\u0000${year}\u0000${questionKey}`;
      const first = seen.get(key);
      if (first !== undefined)
        problem('commitment', 'duplicate-answer', `repeats row ${first}: ${participantKey}, ${year}, ${questionKey} may be answered once`);
      else seen.set(key, row);
    }

    const text = cell('text').replace(/\r\n?/g, '\n');
    const ratingCell = cell('rating');
    let ratingKey: string | null = null;
    if (ratingCell === '') {
      if (text === '') problem('rating', 'rating-or-text-required', 'is empty and so is the text: give a rating, a text or both');
    } else {
      ratingKey = lookupOrProblem(ratingCell, lookups.ratings, (value) =>
        problem(
          'rating',
          'unknown-rating',
          `${shown(value)} is not a rating level: use one of ${scheme.ratingLevels.map((l) => l.key).join(', ')}, or its label in English, German or French`,
        ),
      );
    }

    for (const p of textProblems('text', text, 'text')) problem('text', 'text-characters', p.message);
    if (text.length > maxText) problem('text', 'too-long', `holds ${text.length} characters: at most ${maxText}`);

    for (let c = 0; c < cells.length; c++) {
      if (cells[c].trim() !== '' && (header[c] ?? '').trim() === '')
        problems.push({
          row,
          column: columnLetter(c),
          rule: 'cell-without-column',
          message: `holds ${shown(cells[c])} under no header: give the column a header, or check the text's quotes and separators`,
        });
    }

    if (problems.length === before && participantKey !== null && year !== null && questionKey !== null)
      rows.push({ participantKey, year, questionKey, ratingKey, text });
  }
  return problems.length > 0 ? { problems } : { rows };
}

/** Where each column is, by the header's names; problems for a missing or repeated column (row 1). */
function headerColumns(header: readonly string[]): { columns: Record<HistoryColumn, number>; problems: HistoryProblem[] } {
  const names = new Map<string, HistoryColumn>();
  for (const column of HISTORY_COLUMNS)
    for (const language of LANGUAGES) for (const n of HISTORY_HEADER_NAMES[column][language]) names.set(foldName(n), column);

  const found: Partial<Record<HistoryColumn, number>> = {};
  const problems: HistoryProblem[] = [];
  header.forEach((cell, c) => {
    const column = names.get(foldName(cell));
    if (column === undefined) return;
    if (found[column] === undefined) found[column] = c;
    else
      problems.push({
        row: 1,
        column: columnLabel(c, header),
        rule: 'duplicate-column',
        message: `names the ${column} column again (already ${columnLabel(found[column]!, header)}): keep one`,
      });
  });
  for (const column of HISTORY_COLUMNS) {
    if (found[column] !== undefined) continue;
    const accepted = [...new Set(LANGUAGES.flatMap((l) => HISTORY_HEADER_NAMES[column][l]))].map((n) => `"${n}"`).join(', ');
    problems.push({ row: 1, column, rule: 'missing-column', message: `no column is headed ${column}: head one ${accepted}` });
  }
  return { columns: found as Record<HistoryColumn, number>, problems };
}

interface Lookups {
  participants: Map<string, string[]>;
  questions: Map<string, string[]>;
  ratings: Map<string, string[]>;
}

/** Folded name → the keys it may name: each key names itself, and so does each wording of its name. */
function lookupsOf(scheme: HistoryScheme): Lookups {
  const byName = (items: readonly { key: string; name?: LocalizedText }[]) => {
    const map = new Map<string, string[]>();
    for (const item of items) {
      for (const n of [item.key, ...wordings(item.name)]) {
        const keys = map.get(foldName(n)) ?? [];
        if (!keys.includes(item.key)) keys.push(item.key);
        map.set(foldName(n), keys);
      }
    }
    return map;
  };
  return {
    participants: byName(scheme.participants),
    questions: byName(scheme.questionKeys.map((key) => ({ key }))),
    ratings: byName(scheme.ratingLevels.map((l) => ({ key: l.key, name: l.label }))),
  };
}

function wordings(text: LocalizedText | undefined): string[] {
  if (text === undefined) return [];
  return typeof text === 'string' ? [text] : Object.values(text).filter((v): v is string => typeof v === 'string');
}

/** The one key `value` names, or null after telling `onProblem` (with the keys when it names several). */
function lookupOrProblem(value: string, names: Map<string, string[]>, onProblem: (value: string, keys: string[]) => void): string | null {
  const keys = value === '' ? [] : (names.get(foldName(value)) ?? []);
  if (keys.length === 1) return keys[0];
  onProblem(value, keys);
  return null;
}

function yearOrProblem(value: string, years: HistoryScheme['years'], onProblem: (rule: HistoryRule, message: string) => void): number | null {
  if (value === '') {
    onProblem('required', 'is empty: give the year the cycle reported in, e.g. 2015');
    return null;
  }
  if (!/^\d{4}$/.test(value)) {
    onProblem('not-a-year', `${shown(value)} is not a year: write four digits, e.g. 2015`);
    return null;
  }
  const year = Number(value);
  if (year < years.from || year > years.to) {
    onProblem('year-out-of-range', `${year} is outside the years that may be imported, ${years.from} to ${years.to}`);
    return null;
  }
  return year;
}

/** "C (commitment)": the column's letter as a spreadsheet shows it, and its header as written. */
function columnLabel(index: number, header: readonly string[]): string {
  return `${columnLetter(index)} (${shown(header[index] ?? '', false)})`;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const UNSHOWABLE = new RegExp(`[${NOT_IN_A_LINE}]`, 'gu');
const SHOWN_MAX = 60;

/**
 * A value from the file as a message shows it: quoted, cut after 60 characters, control
 * characters and bidirectional overrides written as code points, so a message is one honest line.
 */
function shown(value: string, quoted = true): string {
  const cut = [...value.trim()];
  const text = (cut.length > SHOWN_MAX ? cut.slice(0, SHOWN_MAX).join('') + '…' : cut.join('')).replace(UNSHOWABLE, (c) => codePointOf(c));
  return quoted ? `"${text}"` : text;
}
