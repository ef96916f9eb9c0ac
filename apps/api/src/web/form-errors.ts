import { HttpException } from '@nestjs/common';
import { InvalidError, Problem } from '@pact/engine';

/** An error as a form shows it: beside the input with this id, and in the error summary. */
export interface FormError {
  field: string;
  message: string;
}

/** The pages' input id for a problem's path: `measures[2].title` → `measures-2-title`, `chair.email` → `chair-email`. */
export function fieldId(path: string): string {
  return path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}

/**
 * The problems of an invalid-input error: the engine's InvalidError, or (until every service
 * throws engine errors, issue 11) a 400 HttpException whose message lists "path: message"
 * strings. null for any other error, which the page then lets through to the error pages.
 */
export function problemsOf(err: unknown): Problem[] | null {
  if (err instanceof InvalidError) return err.problems;
  if (err instanceof HttpException && err.getStatus() === 400) {
    const body = err.getResponse() as string | { message?: unknown };
    const raw = typeof body === 'string' ? body : body?.message;
    const messages = (Array.isArray(raw) ? raw : [raw ?? err.message]).map(String);
    return InvalidError.fromMessages(messages).problems;
  }
  return null;
}

/**
 * The one place a page turns invalid input into `errors` for its form: each problem placed
 * beside its input (by `fieldId`, or the page's own `field` mapping when several paths share an
 * input), worded by the page (`message`, in the reader's language; the engine's English text
 * otherwise), one error per input. `err` is an error (see problemsOf) or a list of problems the
 * page found itself. null when `err` is not about invalid input.
 */
export function formErrors(
  err: unknown,
  opts: { field?: (path: string) => string | undefined; message?: (problem: Problem, field: string) => string } = {},
): FormError[] | null {
  const problems = Array.isArray(err) ? (err as Problem[]) : problemsOf(err);
  if (!problems) return null;
  const seen = new Set<string>();
  const out: FormError[] = [];
  for (const p of problems) {
    const field = opts.field?.(p.path) ?? fieldId(p.path);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: opts.message?.(p, field) ?? p.message });
  }
  return out;
}
