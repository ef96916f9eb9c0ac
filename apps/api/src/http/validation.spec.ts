import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { MultiLineText, NestedObject, NestedObjects, SingleLineText } from './validation';

class Inner {
  @IsString() @SingleLineText() name: string;
}

class Sample {
  @IsString() @SingleLineText() title: string;
  @IsString() @MultiLineText() text: string;
  @IsString({ each: true }) @MultiLineText({ each: true }) texts: string[];
  @NestedObject(() => Inner, { optional: true }) inner?: Inner;
  @NestedObjects(() => Inner, { optional: true }) inners?: Inner[];
}

const valid = { title: 'Zoë O’Brien – Bildung & Integration', text: 'Line one\nline two\r\n\tindented', texts: ['a\nb'] };

function problems(patch: Record<string, unknown>): string[] {
  const errors = validateSync(plainToInstance(Sample, { ...valid, ...patch }), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const flat = (errs: typeof errors, prefix: string): string[] =>
    errs.flatMap((e) => [
      ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${e.property}: ${m}`),
      ...flat(e.children ?? [], `${prefix}${e.property}.`),
    ]);
  return flat(errors, '');
}

describe('text and nesting rules of the API', () => {
  it('accepts ordinary names, right-to-left names with their marks, and multi-line texts', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ title: 'محمد\u200f بن سلمان' })).toEqual([]);
    expect(problems({ title: 'Ιωάννης 👩‍🏫' })).toEqual([]);
  });

  it.each([
    ['LF', '\n'],
    ['CR', '\r'],
    ['tab', '\t'],
    ['NUL', '\u0000'],
    ['escape', '\u001b[31m'],
    ['DEL', '\u007f'],
    ['NEL', '\u0085'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
    ['right-to-left override', '\u202e'],
    ['left-to-right embedding', '\u202a'],
    ['first-strong isolate', '\u2068'],
  ])('refuses a single-line field with %s in it, naming the character', (_name, c) => {
    const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    expect(problems({ title: `Chair${c}Bcc: x@evil.example` })).toEqual([
      `title: title must be a single line of text, without line breaks, control characters or bidirectional overrides (found ${code} at position 5)`,
    ]);
  });

  it('lets multi-line texts keep line breaks and tabs, but not other controls or overrides', () => {
    expect(problems({ text: 'a\u0000b' })).toEqual([
      'text: text must be text without control characters (other than line breaks and tabs) or bidirectional overrides (found U+0000 at position 1)',
    ]);
    expect(problems({ texts: ['fine\n', 'evil\u202etxt.exe'] })).toEqual([
      'texts: each value in texts must be text without control characters (other than line breaks and tabs) or bidirectional overrides (found U+202E at position 4)',
    ]);
  });

  it('refuses non-objects where objects belong, null included, and checks what is nested', () => {
    expect(problems({ inner: [] })).toEqual(['inner: inner must be an object']);
    expect(problems({ inner: [{ name: 'x' }] })).toEqual(['inner: inner must be an object']);
    expect(problems({ inner: null })).toEqual(expect.arrayContaining(['inner: inner must be an object']));
    expect(problems({ inner: 'x' })).toEqual(expect.arrayContaining(['inner: inner must be an object']));
    expect(problems({ inner: { name: 'a\nb' } })[0]).toMatch(/^inner\.name: name must be a single line/);
    expect(problems({ inners: [[]] })).toEqual(['inners: each value in inners must be an object']);
    expect(problems({ inners: [null] })).toEqual(expect.arrayContaining(['inners: each value in inners must be an object']));
    expect(problems({ inners: {} })).toEqual(expect.arrayContaining(['inners: inners must be an array of objects']));
    expect(problems({ inners: [{ name: 'ok' }] })).toEqual([]);
  });
});
