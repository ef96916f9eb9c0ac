/**
 * The languages the engine is written in: every page, e-mail, report and calendar feed exists in
 * each, so these are the languages people may choose (a chair's, a person's, a page's) and the
 * ones a text from configuration may have wordings in. How to add one: docs/architecture.md
 * ("Adding a language").
 */
export const LANGUAGES = ['en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What is read where a language has no wording: English. */
export const FALLBACK_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
