import type { Catalog } from '../../texts/catalogs';
import { fillPlaceholders } from '../../texts/placeholders';

/**
 * One catalog's texts, each read when the words are built: a key the code needs and the catalog
 * lacks throws then, naming it. The Pact report's words and the network report's read the same way.
 */
export function reportCatalogReader(catalog: Catalog, lang: string) {
  const text = (key: string): string => {
    const value = catalog[key];
    if (typeof value !== 'string') throw new Error(`reports.yaml (${lang}): the text "${key}" is missing`);
    return value;
  };
  /** A text with {placeholders}: numbers are written as they are (String), as before any catalog. */
  const template = (key: string) => {
    const t = text(key);
    return (values: Record<string, string | number>) => fillPlaceholders(t, (name) => (values[name] === undefined ? undefined : String(values[name])));
  };
  const group = <K extends string>(prefix: string, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, text(`${prefix}.${k}`)])) as Record<K, string>;
  return { text, template, group };
}
