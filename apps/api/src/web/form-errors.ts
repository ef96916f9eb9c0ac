import type { LocalizedText } from '@pact/domain';
import { InvalidError } from '@pact/engine';

/** One thing wrong with a form's input: where (the API's path, `measures[2].title`) and which rule, if known. */
export interface FormProblem {
  path: string;
  /** In English, as the engine or the API's rules said it. */
  message: string;
  rule?: string;
  params?: Record<string, LocalizedText | number | Date>;
}

/** An answer left out (nothing, or only spaces): whatever rule noticed it, the form says "Enter …". */
export const isMissing = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** What a page shows: the message beside the input `field` (its id) and, with a link to it, in the error summary. */
export interface FormError {
  field: string;
  message: string;
}

/** `measures[2].title` → `measures-2-title`: the input ids of simple forms are their paths, spelt for HTML. */
export function fieldIdOf(path: string): string {
  return path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-') || 'main';
}

/**
 * The problems an error reports about the input: the engine's InvalidError (services throw the
 * engine's errors, never HTTP exceptions, and a page checks its body with `apiRuleProblems`
 * before calling them). Anything else (a conflict, a failure) is not about a field: null.
 */
export function problemsOf(err: unknown): FormProblem[] | null {
  return err instanceof InvalidError ? err.problems.map((p) => ({ ...p })) : null;
}

/**
 * Problems as the page's errors: each beside the input its path names (`fieldOf`, default the
 * path spelt as an id) and worded by the page in the reader's language (`say`), the same words
 * in the summary and beside the field. The one place where engine problems become form errors.
 */
export function formErrors(
  problems: FormProblem[],
  say: (p: FormProblem, field: string) => string,
  fieldOf: (path: string) => string = fieldIdOf,
): FormError[] {
  const seen = new Set<string>();
  const out: FormError[] = [];
  for (const p of problems) {
    const field = fieldOf(p.path);
    // One message per field: the first problem found is the one to fix first.
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: say(p, field) });
  }
  return out;
}

/** Rules of the domain's text rule (texts.ts), as the DTOs and the services name them. */
const CHARACTER_RULES = new Set(['isSingleLineText', 'isMultiLineText', 'line-characters', 'text-characters']);

/**
 * A text holding a character it may not (a control character, a direction override): the one
 * sentence every form says, naming the character and where it is. Null for any other problem.
 */
export function sayCharacterProblem(p: FormProblem, t: (key: string, params?: Record<string, LocalizedText | number>) => string): string | null {
  if (!p.rule || !CHARACTER_RULES.has(p.rule)) return null;
  const found =
    typeof p.params?.char === 'string'
      ? { char: p.params.char, position: Number(p.params.position) }
      : /found (U\+[0-9A-F]+) at position (\d+)/.exec(p.message);
  const [char, position] = Array.isArray(found) ? [found[1], Number(found[2])] : found ? [found.char, found.position] : ['?', 0];
  return t('form.characters', { char, position: position + 1 });
}
