import { inLanguage, isTranslations, localizedTextProblems, textIn, wordingsOf } from './localized-text';
import { fillPlaceholders, placeholdersIn } from './placeholders';

describe('texts from configuration, in the reader’s language', () => {
  const sport = { en: 'Integration through sport', de: 'Integration durch Sport', fr: 'Intégration par le sport' };

  it('reads the reader’s wording, else the fallback’s, else English, else any; a plain string everywhere', () => {
    expect(textIn(sport, 'de')).toBe('Integration durch Sport');
    expect(textIn(sport, 'it')).toBe('Integration through sport');
    expect(textIn({ de: 'Nur Deutsch', fr: 'Seulement' }, 'it', 'fr')).toBe('Seulement');
    expect(textIn({ de: 'Nur Deutsch' }, 'fr')).toBe('Nur Deutsch');
    expect(textIn('Stored before translations', 'fr')).toBe('Stored before translations');
    expect(textIn(undefined, 'fr')).toBe('');
  });

  it('tells a text with wordings from other objects', () => {
    expect(isTranslations(sport)).toBe(true);
    expect(isTranslations({})).toBe(false);
    expect(isTranslations({ en: 'x', title: 'y' })).toBe(false);
    expect(isTranslations({ en: 1 })).toBe(false);
    expect(isTranslations(new Date())).toBe(false);
    expect(isTranslations(['en'])).toBe(false);
  });

  it('puts every text of a value in one language, deeply, keeping dates and other objects', () => {
    const at = new Date('2027-01-01T00:00:00Z');
    const value = {
      rows: [{ fieldOfAction: sport, dueAt: at, n: 3, measures: [{ title: 'Mentoring' }] }],
      milestone: { title: { en: 'Final', de: 'Schluss' } },
      nothing: null,
    };
    const de = inLanguage(value, 'de');
    expect(inLanguage(new Map([['sport', { name: sport }]]), 'fr').get('sport')).toEqual({ name: 'Intégration par le sport' });
    expect(de).toEqual({
      rows: [{ fieldOfAction: 'Integration durch Sport', dueAt: at, n: 3, measures: [{ title: 'Mentoring' }] }],
      milestone: { title: 'Schluss' },
      nothing: null,
    });
    expect(de.rows[0].dueAt).toBe(at);
    // The stored value is left as it was.
    expect(value.rows[0].fieldOfAction).toBe(sport);
  });

  it('lists every wording (a typed title is compared with each)', () => {
    expect(wordingsOf(sport)).toEqual(['Integration through sport', 'Integration durch Sport', 'Intégration par le sport']);
    expect(wordingsOf('One')).toEqual(['One']);
  });

  it('checks a configured text against the required languages', () => {
    const languages = { fallback: 'en' as const, required: ['en' as const, 'de' as const] };
    expect(localizedTextProblems('g', sport, languages)).toEqual([]);
    expect(localizedTextProblems('g', { en: 'x' }, languages)).toEqual(['g: the de text is missing (the configuration requires en, de)']);
    expect(localizedTextProblems('g', 'x', languages)[0]).toMatch(/^g: a single text counts as en; de is required too/);
    expect(localizedTextProblems('g', 'x', { fallback: 'en', required: ['en'] })).toEqual([]);
    expect(localizedTextProblems('g', '  ', { fallback: 'en', required: ['en'] })).toEqual(['g: must not be empty']);
    expect(localizedTextProblems('g', { de: 'x' }, { fallback: 'en', required: ['de'] })).toEqual(['g: the en text is missing (it is the fallback language)']);
    expect(localizedTextProblems('g', 7, languages)[0]).toMatch(/^g: must be a text, or one text per language/);
  });
});

describe('placeholders, one rule for every catalog', () => {
  it('lists and fills {name} placeholders, leaving one without a value as written', () => {
    expect(placeholdersIn('Hello {name}, due {dueDate} ({name})')).toEqual(['name', 'dueDate', 'name']);
    expect(fillPlaceholders('Hello {name}, {missing} {x-y}', (n) => (n === 'name' ? 'Anna' : undefined))).toBe('Hello Anna, {missing} {x-y}');
  });
});
