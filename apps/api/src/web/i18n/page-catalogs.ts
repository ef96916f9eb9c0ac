import type { Catalogs } from '@pact/domain';
import { loadCatalogs } from '@pact/engine';

/** Flat key → text, per language ("signIn.title" → "Sign in"). */
export type PageCatalogs = Catalogs;

/**
 * Reads locales/<language>/pages.yaml for every shipped language, checked by the one catalog
 * check (texts/catalogs.ts); any gap stops the API at start, naming it.
 */
export function loadPageCatalogs(localesDir: string): PageCatalogs {
  return loadCatalogs(localesDir, 'pages');
}
