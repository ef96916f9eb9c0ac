/**
 * `{name}` placeholders, as every catalog writes them (page texts, e-mail templates): one pattern,
 * one way to list them and one way to fill them, so a translator learns one rule.
 */
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The names of the placeholders in `text`, in order (repeats kept). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** `text` with each placeholder replaced by its value; one without a value is left as written. */
export function fillPlaceholders(text: string, valueOf: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => valueOf(name) ?? whole);
}
