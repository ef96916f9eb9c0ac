import { forbiddenCharacter, textProblems } from './text-rules';

describe('the text rule', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000', 1],
    ['escape', 'ab\u001b[2J', 'U+001B', 2],
    ['NEL', 'a\u0085', 'U+0085', 1],
    ['line separator', 'a\u2028', 'U+2028', 1],
    ['right-to-left override', 'x\u202egnp.exe', 'U+202E', 1],
    ['first strong isolate', 'x\u2068y', 'U+2068', 1],
  ])('refuses %s in a line and in a text', (_what, value, char, position) => {
    expect(forbiddenCharacter(value, 'line')).toEqual({ char, position });
    expect(forbiddenCharacter(value, 'text')).toEqual({ char, position });
  });

  it('a text keeps its line breaks and tabs; a line does not', () => {
    expect(forbiddenCharacter('first\nsecond\r\n\tthird', 'text')).toBeNull();
    expect(forbiddenCharacter('first\nsecond', 'line')).toEqual({ char: 'U+000A', position: 5 });
    expect(forbiddenCharacter('a\tb', 'line')).toEqual({ char: 'U+0009', position: 1 });
  });

  it('the direction marks stay: they write right-to-left names correctly', () => {
    expect(forbiddenCharacter('\u200fשלום\u200e', 'line')).toBeNull();
  });

  it('names the field, the rule and the character', () => {
    expect(textProblems('reason', 'Elections \u001b', 'text')).toEqual([
      { path: 'reason', message: expect.stringMatching(/found U\+001B at position 10/), rule: 'text-characters', params: { char: 'U+001B', position: 10 } },
    ]);
    expect(textProblems('name', 'ok', 'line')).toEqual([]);
    expect(textProblems('name', undefined, 'line')).toEqual([]);
  });
});
