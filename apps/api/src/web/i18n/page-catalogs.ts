import { Language, LANGUAGES, placeholdersIn } from '@pact/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Flat key → text, per language ("signIn.title" → "Sign in"). */
export type PageCatalogs = Record<Language, Record<string, string>>;

function flatten(value: unknown, prefix: string, out: Record<string, string>, problems: string[]): void {
  if (typeof value === 'string') {
    out[prefix] = value;
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out, problems);
  } else {
    problems.push(`${prefix}: must be a text or a group of texts`);
  }
}

const placeholders = (text: string) => placeholdersIn(text).sort().join(',');

/** Every problem of a set of catalogs: a key missing in a language, or its placeholders differing from English. */
export function checkPageCatalogs(catalogs: PageCatalogs): string[] {
  const problems: string[] = [];
  const keys = new Set(LANGUAGES.flatMap((l) => Object.keys(catalogs[l] ?? {})));
  for (const key of [...keys].sort()) {
    for (const lang of LANGUAGES) {
      const text = catalogs[lang]?.[key];
      if (typeof text !== 'string' || !text.trim()) problems.push(`${lang}.${key}: missing`);
      else if (lang !== 'en' && typeof catalogs.en[key] === 'string' && placeholders(text) !== placeholders(catalogs.en[key])) {
        problems.push(`${lang}.${key}: placeholders {${placeholders(text)}} differ from English {${placeholders(catalogs.en[key])}}`);
      }
    }
  }
  return problems;
}

/** Reads locales/<language>.yaml for every page language; any gap stops the API at start, naming it. */
export function loadPageCatalogs(dir: string): PageCatalogs {
  const catalogs = {} as PageCatalogs;
  const problems: string[] = [];
  for (const lang of LANGUAGES) {
    const file = join(dir, `${lang}.yaml`);
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`Cannot read the page texts ${file}: ${(err as Error).message}`, { cause: err });
    }
    catalogs[lang] = {};
    flatten(raw, '', catalogs[lang], problems);
  }
  problems.push(...checkPageCatalogs(catalogs));
  if (problems.length) throw new Error(`Invalid page texts in ${dir}:\n  ${problems.join('\n  ')}`);
  return catalogs;
}
