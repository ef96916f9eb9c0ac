import { BadRequestException } from '@nestjs/common';
import { InvalidError } from '@pact/engine';

/** One thing wrong with a form's input: where (the API's path, `measures[2].title`) and which rule, if known. */
export interface FormProblem {
  path: string;
  /** In English, as the engine or the API's rules said it. */
  message: string;
  rule?: string;
  params?: Record<string, string | number | Date>;
}

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
 * The problems an error reports about the input: the engine's InvalidError, or a 400 whose
 * message lists "path: message" lines (what the ValidationPipe raises for a DTO). Anything else
 * (a conflict, a failure) is not about a field: null.
 */
export function problemsOf(err: unknown): FormProblem[] | null {
  if (err instanceof InvalidError) return err.problems.map((p) => ({ ...p }));
  if (err instanceof BadRequestException) {
    const body = err.getResponse() as { message?: unknown };
    const lines = Array.isArray(body?.message) ? body.message : [String(body?.message ?? err.message)];
    return InvalidError.fromMessages(lines.map(String)).problems;
  }
  return null;
}

/**
 * Problems as the page's errors: each beside the input its path names (`fieldOf`, default the
 * path spelt as an id) and worded by the page in the reader's language (`say`), the same words
 * in the summary and beside the field. The one place where engine problems become form errors.
 */
export function formErrors(problems: FormProblem[], say: (p: FormProblem, field: string) => string, fieldOf: (path: string) => string = fieldIdOf): FormError[] {
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
