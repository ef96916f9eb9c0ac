import { FALLBACK_LANGUAGE, Language, LANGUAGES } from './languages';
import { placeholdersIn } from './placeholders';

/**
 * A catalog: the engine's own words in one language for one area (pages, messages, reports,
 * calendar), read from locales/<language>/<area>.yaml, as flat keys ("signIn.title" → "Sign in").
 */
export type Catalog = Record<string, string>;
/** One area's catalogs, one per shipped language. */
export type Catalogs = Record<Language, Catalog>;

/** A catalog file's groups of texts as flat keys, and every value that is neither a text nor a group. */
export function flattenCatalog(raw: unknown): { texts: Catalog; problems: string[] } {
  const texts: Catalog = {};
  const problems: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'string') texts[prefix] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
    else problems.push(`${prefix || '(the file)'}: must be a text or a group of texts`);
  };
  // An empty file is an empty catalog; the check below names each key it lacks.
  if (raw !== null && raw !== undefined) walk(raw, '');
  return { texts, problems };
}

const placeholderSet = (text: string) => [...new Set(placeholdersIn(text))].sort().join(',');

/**
 * The one check every area's catalogs pass (pages, messages, reports, calendar): each key of the
 * fallback language's catalog is written, not empty, in every shipped language, with the same
 * placeholders; a key the fallback language lacks is a typo. Problems name language and key.
 */
export function catalogProblems(catalogs: Partial<Record<Language, Catalog>>): string[] {
  const fallback = catalogs[FALLBACK_LANGUAGE];
  if (!fallback) return [`${FALLBACK_LANGUAGE}: the fallback language has no catalog`];
  const problems: string[] = [];
  for (const key of Object.keys(fallback).sort()) {
    for (const lang of LANGUAGES) {
      const text = catalogs[lang]?.[key];
      if (typeof text !== 'string' || !text.trim()) problems.push(`${lang}.${key}: missing`);
      else if (lang !== FALLBACK_LANGUAGE && placeholderSet(text) !== placeholderSet(fallback[key]))
        problems.push(`${lang}.${key}: placeholders {${placeholderSet(text)}} differ from English {${placeholderSet(fallback[key])}}`);
    }
  }
  for (const lang of LANGUAGES)
    for (const key of Object.keys(catalogs[lang] ?? {}).sort())
      if (!(key in fallback)) problems.push(`${lang}.${key}: not in the ${FALLBACK_LANGUAGE} catalog (a misspelt key?)`);
  return problems;
}
