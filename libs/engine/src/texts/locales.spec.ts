import { LANGUAGES, messageKindProblems, MessageCatalogs, reportCatalogProblems } from '@pact/domain';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogs, LocaleArea } from './locales';

const SHIPPED = join(__dirname, '..', '..', '..', '..', 'locales');

describe('the shipped catalogs, under locales/<language>/<area>.yaml', () => {
  it.each<LocaleArea>(['pages', 'messages', 'reports', 'calendar'])('%s: every English key in every shipped language, with the same placeholders', (area) => {
    const catalogs = loadCatalogs(SHIPPED, area);
    for (const lang of LANGUAGES) expect(Object.keys(catalogs[lang]).sort()).toEqual(Object.keys(catalogs.en).sort());
  });

  it('pass the areas’ own rules too (the e-mails’ placeholders per kind, every text the report needs)', () => {
    expect(() => loadCatalogs(SHIPPED, 'messages', (_c, files) => messageKindProblems(files as MessageCatalogs))).not.toThrow();
    expect(() => loadCatalogs(SHIPPED, 'reports', reportCatalogProblems)).not.toThrow();
  });
});

describe('loadCatalogs', () => {
  function locales(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'locales-'));
    for (const lang of LANGUAGES) {
      mkdirSync(join(root, lang));
      writeFileSync(join(root, lang, 'calendar.yaml'), files[lang] ?? '');
    }
    return root;
  }

  it('stops at start naming each problem: a missing text, a differing placeholder, a misspelt key, a value that is not a text', () => {
    const root = locales({ en: 'a: A {x}\nb: B\n', de: 'a: A {y}\nbb: B\nn: 3\n', fr: 'a: A {x}\nb: B\n' });
    expect(() => loadCatalogs(root, 'calendar')).toThrow(
      [
        `Invalid calendar texts in ${join(root, '<language>', 'calendar.yaml')}:`,
        '  de.n: must be a text or a group of texts',
        '  de.a: placeholders {y} differ from English {x}',
        '  de.b: missing',
        '  de.bb: not in the en catalog (a misspelt key?)',
      ].join('\n'),
    );
  });

  it('names a file it cannot read', () => {
    expect(() => loadCatalogs(join(tmpdir(), 'no-such-locales'), 'pages')).toThrow(/Cannot read the pages texts .*en[/\\]pages\.yaml/);
  });

  it('names a text the report renderers need that English lacks', () => {
    const root = locales({ en: 'a: A\n', de: 'a: A\n', fr: 'a: A\n' });
    expect(() => loadCatalogs(root, 'calendar', reportCatalogProblems)).toThrow('reports.yaml (en): the text "dueCompiled" is missing');
  });

  /** The shipped reports catalogs in a folder of their own, with `change` applied to one language's file. */
  function shippedReportsWith(lang: string, change: (yaml: string) => string): string {
    const root = mkdtempSync(join(tmpdir(), 'locales-'));
    for (const l of LANGUAGES) {
      mkdirSync(join(root, l));
      const yaml = readFileSync(join(SHIPPED, l, 'reports.yaml'), 'utf8');
      writeFileSync(join(root, l, 'reports.yaml'), l === lang ? change(yaml) : yaml);
    }
    return root;
  }
  const withoutNetworkTitle = (yaml: string) => {
    const cut = yaml.replace(/\n {2}title: .*\n/, '\n');
    expect(cut).not.toBe(yaml);
    return cut;
  };

  it('refuses to start when English lacks a text of the network report', () => {
    expect(() => loadCatalogs(shippedReportsWith('en', withoutNetworkTitle), 'reports', reportCatalogProblems)).toThrow(
      'reports.yaml (en): the text "network.title" is missing',
    );
  });

  it('refuses to start when German or French lacks a text of the network report', () => {
    expect(() => loadCatalogs(shippedReportsWith('fr', withoutNetworkTitle), 'reports', reportCatalogProblems)).toThrow('fr.network.title: missing');
    expect(() => loadCatalogs(shippedReportsWith('de', withoutNetworkTitle), 'reports', reportCatalogProblems)).toThrow('de.network.title: missing');
  });
});
