/**
 * The one rule for what people's texts may hold, applied by the API's DTOs (apps/api/src/http/
 * validation.ts builds its class-validator rules and OpenAPI patterns from these classes) and by
 * the engine's services for every text a page or the API stores (names, titles, reasons, goals,
 * a report's texts), so a page cannot store what the API refuses.
 *
 * Names and titles are one line: no C0 or C1 controls (line breaks, tab, NUL, escape, NEL …), no
 * Unicode line or paragraph separators, no bidirectional embeddings, overrides or isolates
 * (U+202A–U+202E, U+2066–U+2069), which make text display in another order than it is stored
 * ("Trojan Source"). The left-to-right and right-to-left marks stay allowed: they are how
 * right-to-left names are written correctly.
 */
export const NOT_IN_A_LINE = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
/** Multi-line texts (reasons, goals, descriptions, good practices …) may also hold line breaks (LF, CR) and tabs. */
export const NOT_IN_A_TEXT = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';

export type TextKind = 'line' | 'text';

/** A problem with a text, shaped as the domain's other problems (ContentProblem): path, message, rule, params. */
export interface TextProblem {
  path: string;
  message: string;
  rule: 'line-characters' | 'text-characters';
  params: { char: string; position: number };
}

const FORBIDDEN: Record<TextKind, RegExp> = { line: new RegExp(`[${NOT_IN_A_LINE}]`), text: new RegExp(`[${NOT_IN_A_TEXT}]`) };

/** "U+001B" */
export function codePointOf(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first character `value` may not hold as a `kind`, and where; null when it holds none (or is no string). */
export function forbiddenCharacter(value: unknown, kind: TextKind): { char: string; position: number } | null {
  if (typeof value !== 'string') return null;
  const m = FORBIDDEN[kind].exec(value);
  return m ? { char: codePointOf(m[0]), position: m.index } : null;
}

/**
 * The problem of a text at `path` holding a character its kind may not: rule `line-characters`
 * (a name or title) or `text-characters` (a multi-line text), with the character and its position.
 */
export function textProblems(path: string, value: unknown, kind: TextKind): TextProblem[] {
  const found = forbiddenCharacter(value, kind);
  if (!found) return [];
  const what =
    kind === 'line'
      ? 'a single line of text, without line breaks, control characters or bidirectional overrides'
      : 'text without control characters (other than line breaks and tabs) or bidirectional overrides';
  return [
    {
      path,
      message: `must be ${what} (found ${found.char} at position ${found.position})`,
      rule: kind === 'line' ? 'line-characters' : 'text-characters',
      params: found,
    },
  ];
}
