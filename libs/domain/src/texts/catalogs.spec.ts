import { catalogProblems, flattenCatalog } from './catalogs';

describe('the one catalog check', () => {
  it('names a missing or empty key, a differing placeholder and a key English lacks', () => {
    const problems = catalogProblems({ en: { a: 'A {x}', b: 'B' }, de: { a: 'A {y}', b: ' ', c: 'C' }, fr: { a: '{x} A {x}', b: 'B' } });
    expect(problems).toEqual(['de.a: placeholders {y} differ from English {x}', 'de.b: missing', 'de.c: not in the en catalog (a misspelt key?)']);
  });

  it('needs the fallback language', () => {
    expect(catalogProblems({ de: { a: 'A' } })).toEqual(['en: the fallback language has no catalog']);
  });

  it('reads groups of texts as flat keys and names a value that is neither', () => {
    expect(flattenCatalog({ signIn: { title: 'Sign in', n: 3 }, list: ['x'] })).toEqual({
      texts: { 'signIn.title': 'Sign in' },
      problems: ['signIn.n: must be a text or a group of texts', 'list: must be a text or a group of texts'],
    });
    expect(flattenCatalog(null)).toEqual({ texts: {}, problems: [] });
  });
});
