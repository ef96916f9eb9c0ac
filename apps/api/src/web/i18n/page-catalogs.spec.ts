import { join } from 'node:path';
import { LANGUAGES, MESSAGE_KINDS } from '@pact/domain';
import { catalogProblems } from '@pact/domain';
import { loadPageCatalogs } from './page-catalogs';
import { Translator } from './translator';

const DIR = join(__dirname, '..', '..', '..', '..', '..', 'locales');

describe('page texts', () => {
  it('every key exists in English, German and French, with the same placeholders', () => {
    const catalogs = loadPageCatalogs(DIR);
    expect(catalogProblems(catalogs)).toEqual([]);
    const keys = Object.keys(catalogs.en).sort();
    expect(keys.length).toBeGreaterThan(100);
    for (const lang of LANGUAGES) expect(Object.keys(catalogs[lang]).sort()).toEqual(keys);
  });

  it('names every message kind the operators’ console can list', () => {
    const catalogs = loadPageCatalogs(DIR);
    for (const kind of MESSAGE_KINDS) expect({ kind, text: catalogs.en[`operations.messageKind.${kind}`] }).toEqual({ kind, text: expect.any(String) });
  });

  it('formats dates and numbers for the reader, in their time zone', () => {
    const catalogs = loadPageCatalogs(DIR);
    const due = new Date('2030-03-31T22:30:00Z');
    const de = new Translator(catalogs, 'de', 'Europe/Berlin');
    expect(de.date(due)).toBe('1. April 2030'); // already 1 April in Berlin
    expect(de.number(1234.5)).toBe('1.234,5');
    expect(de.days(3)).toBe('in 3 Tagen');
    const en = new Translator(catalogs, 'en', 'America/New_York');
    expect(en.date(due)).toBe('March 31, 2030');
    const fr = new Translator(catalogs, 'fr', 'Europe/Paris');
    expect(fr.t('report.coverage', { onTime: 1200, late: 1, missing: 0, total: 1201 })).toBe(
      '1\u202f200 à temps, 1 en retard, 0 manquants sur 1\u202f201 groupes de travail.',
    );
    expect(() => en.t('no.such.key')).toThrow('no page text "no.such.key"');
  });
});
