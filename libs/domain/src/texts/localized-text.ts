import { Language, LANGUAGES } from './languages';

/**
 * A text people read that comes from a programme's configuration (a working group's name and
 * goal, a milestone's title, a template's name, an indicator's name and unit, the network's
 * name): one wording per language. Records written before texts had languages hold a plain
 * string, which reads the same in every language.
 */
export type Translations = Readonly<Partial<Record<Language, string>>>;
export type LocalizedText = string | Translations;

/** Which languages a programme's texts are written in, and which one stands in for a missing one. */
export interface TextLanguages {
  /** The language read when a text has no wording in the reader's. */
  fallback: Language;
  /** Languages every configured text must have; loading refuses a text without one of them. */
  required: readonly Language[];
}

export const DEFAULT_TEXT_LANGUAGES: TextLanguages = { fallback: 'en', required: ['en'] };

const LANGUAGE_CODES = new Set<string>(LANGUAGES);

/**
 * Whether a value is a text with wordings per language: a plain object, not empty, whose keys
 * are all supported language codes and whose values are all strings. Nothing else the engine
 * stores or shows has that shape, which is what lets an edge put every text of an answer into
 * the reader's language in one pass (`inLanguage`).
 */
export function isTranslations(value: unknown): value is Translations {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => LANGUAGE_CODES.has(k) && typeof v === 'string');
}

/**
 * The wording for a reader of `language`: theirs, else the fallback language's, else English,
 * else the first one written (a text always reads as something).
 */
export function textIn(text: LocalizedText | undefined | null, language: string, fallback: string = DEFAULT_TEXT_LANGUAGES.fallback): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  const t = text as Record<string, string | undefined>;
  return t[language] ?? t[fallback] ?? t.en ?? Object.values(t).find((v) => v !== undefined) ?? '';
}

/** The type of `inLanguage(value)`: every LocalizedText in T read as a string. */
export type InLanguage<T> = T extends string
  ? T
  : T extends Date
    ? T
    : T extends readonly (infer U)[]
      ? InLanguage<U>[]
      : T extends Map<infer K, infer V>
        ? Map<K, InLanguage<V>>
        : T extends object
          ? string extends keyof T
            ? { [K in keyof T]: InLanguage<T[K]> }
            : InLanguageObject<T>
          : T;
type InLanguageObject<T> = [T] extends [Translations] ? string : T extends (...args: never[]) => unknown ? T : { [K in keyof T]: InLanguage<T[K]> };

/**
 * A copy of `value` in which every text with wordings per language is replaced by its wording
 * for `language` (deeply, through plain objects, arrays and maps' values; dates and other class
 * instances are kept as they are). Each edge that shows data to a reader (pages, the JSON API,
 * e-mails, reports, the calendar) calls this once with the reader's language.
 */
export function inLanguage<T>(value: T, language: string, fallback: string = DEFAULT_TEXT_LANGUAGES.fallback): InLanguage<T> {
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, walk(x)]));
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    if (isTranslations(v)) return textIn(v, language, fallback);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return walk(value) as InLanguage<T>;
}

/** Every wording of a text (to compare a typed title with a configured one in any language). */
export function wordingsOf(text: LocalizedText): string[] {
  return typeof text === 'string' ? [text] : Object.values(text).filter((v): v is string => typeof v === 'string');
}

/**
 * What is wrong with a configured text: a string counts as the fallback language's wording;
 * a language the programme requires must be there, and no wording may be empty.
 */
export function localizedTextProblems(path: string, text: unknown, languages: TextLanguages): string[] {
  if (typeof text === 'string') {
    if (!text.trim()) return [`${path}: must not be empty`];
    const missing = languages.required.filter((l) => l !== languages.fallback);
    return missing.length
      ? [
          `${path}: a single text counts as ${languages.fallback}; ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required too (write ${path}: { ${languages.required.map((l) => `${l}: …`).join(', ')} })`,
        ]
      : [];
  }
  if (text === null || typeof text !== 'object' || Array.isArray(text)) return [`${path}: must be a text, or one text per language ({ en: …, de: …, fr: … })`];
  const problems: string[] = [];
  for (const [k, v] of Object.entries(text)) {
    if (!LANGUAGE_CODES.has(k)) problems.push(`${path}.${k}: not a supported language (${LANGUAGES.join(', ')})`);
    else if (typeof v !== 'string' || !v.trim()) problems.push(`${path}.${k}: must be a text, not empty`);
  }
  for (const l of languages.required)
    if (!(l in text)) problems.push(`${path}: the ${l} text is missing (the configuration requires ${languages.required.join(', ')})`);
  if (!problems.length && !(languages.fallback in text)) problems.push(`${path}: the ${languages.fallback} text is missing (it is the fallback language)`);
  return problems;
}
