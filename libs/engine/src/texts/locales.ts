import { catalogProblems, Catalogs, flattenCatalog, Language, LANGUAGES } from '@pact/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The areas of the engine's own words, one file each per language: locales/<language>/<area>.yaml. */
export type LocaleArea = 'pages' | 'messages' | 'reports' | 'calendar';

/** The parsed files of one area, one per shipped language (LOCALES_DIR/<language>/<area>.yaml). */
export function readLocaleFiles(root: string, area: LocaleArea): Record<Language, unknown> {
  const files = {} as Record<Language, unknown>;
  for (const lang of LANGUAGES) {
    const file = join(root, lang, `${area}.yaml`);
    try {
      files[lang] = parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`Cannot read the ${area} texts ${file}: ${(err as Error).message}`, { cause: err });
    }
  }
  return files;
}

/**
 * One area's catalogs, read once at start and checked by the one catalog check; any problem
 * stops the process, naming the file's language and the key. `extraProblems` layers an area's
 * own rules on top (the e-mails' allowed placeholders per kind, the texts the report's renderers need).
 */
export function loadCatalogs(root: string, area: LocaleArea, extraProblems?: (catalogs: Catalogs, files: Record<Language, unknown>) => string[]): Catalogs {
  const files = readLocaleFiles(root, area);
  const catalogs = {} as Catalogs;
  const problems: string[] = [];
  for (const lang of LANGUAGES) {
    const { texts, problems: shape } = flattenCatalog(files[lang]);
    catalogs[lang] = texts;
    problems.push(...shape.map((p) => `${lang}.${p}`));
  }
  problems.push(...catalogProblems(catalogs), ...(extraProblems?.(catalogs, files) ?? []));
  if (problems.length) throw new Error(`Invalid ${area} texts in ${join(root, '<language>', `${area}.yaml`)}:\n  ${problems.join('\n  ')}`);
  return catalogs;
}
