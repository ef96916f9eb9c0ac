import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIndicatorCatalogs } from './indicator-catalog';

const EN_DE_FR = { fallback: 'en', required: ['en', 'de', 'fr'] } as const;
const SHIPPED = join(__dirname, '..', '..', '..', '..', 'config', 'programmes');

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'indicators-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadIndicatorCatalogs', () => {
  it("loads the shipped catalogues: the Pact's and the Charter's", () => {
    const catalogs = loadIndicatorCatalogs(SHIPPED, EN_DE_FR);
    expect(catalogs.map((c) => [c.programme, c.indicators.length])).toEqual([
      ['charter', 11],
      ['pact', 15],
    ]);
  });

  it('refuses to start on a problem, naming the file and the place', () => {
    const dir = dirWith({
      'pact.indicators.yaml': 'programme: pact\nindicators:\n  - { code: a, name: A, definition: D, unit: U, polarity: up, source: S }\n',
      'other.indicators.yaml':
        'programme: charter\nindicators:\n  - { code: a, name: { en: A, de: A, fr: A }, definition: { en: D, de: D, fr: D }, unit: { en: U, de: U, fr: U }, polarity: none, source: { en: S, de: S, fr: S } }\n',
      'broken.indicators.yaml': 'programme: [',
      'pact.questionnaire.yaml': 'not: read here',
    });
    expect(() => loadIndicatorCatalogs(dir, EN_DE_FR)).toThrow(
      new RegExp(
        [
          `Invalid indicator catalogues in ${dir}:`,
          `broken.indicators.yaml: `,
          `other.indicators.yaml: programme: is "charter", but the file is named for "other"`,
          `pact.indicators.yaml: indicators\\[0\\] \\(a\\).name: a single text counts as en; de, fr are required too`,
          `pact.indicators.yaml: indicators\\[0\\] \\(a\\).polarity: must be one of higher-is-better, lower-is-better, none`,
        ].join('[\\s\\S]*'),
      ),
    );
  });

  it('names a folder it cannot read', () => {
    expect(() => loadIndicatorCatalogs('/nonexistent/programmes', EN_DE_FR)).toThrow(/Cannot read the programmes' folder \/nonexistent\/programmes/);
  });
});
