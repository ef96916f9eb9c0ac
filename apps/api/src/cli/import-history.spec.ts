import { charterHistoryScheme } from '@pact/domain/testing/charter-scheme';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConflictError, HistoryFileProblemsError } from '@pact/engine';
import { applyHistoryFile, checkHistoryFile } from './import-history';

const scheme = charterHistoryScheme(2024);
const SAMPLE = resolve(__dirname, '../../../../config/history/charter-history.sample.csv');

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'import-history-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(path: string, json = false): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await checkHistoryFile(path, scheme, json, (l) => lines.push(l));
  return { code, lines };
}

describe('import-history (dry run)', () => {
  it('says what the sample would import, per year, and that nothing was stored', async () => {
    const { code, lines } = await run(SAMPLE);
    expect(code).toBe(0);
    expect(lines[0]).toBe(`${SAMPLE}: 1133 answers in 5 historic cycles, no problem.`);
    expect(lines.slice(1)).toEqual([
      '  2013: 22 participants, 242 answers',
      '  2015: 20 participants, 220 answers',
      '  2018: 18 participants, 198 answers',
      '  2020: 22 participants, 242 answers',
      '  2022: 21 participants, 231 answers',
      'Dry run: nothing was stored (--apply imports it).',
    ]);
  });

  it('prints every problem by row and column and fails', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'Stadt;Jahr;Verpflichtung;Bewertung;Text\nBerlin;2015;diverse-workforce;ja;\nBerlin;1999;diverse-workforce;fully;\n');
    const { code, lines } = await run(path);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${path}: row 2, D (Bewertung): "ja" is not a rating level: use one of fully, partly, not-yet, not-applicable, or its label in English, German or French [unknown-rating]`,
      `${path}: row 3, B (Jahr): 1999 is outside the years that may be imported, 2010 to 2024 [year-out-of-range]`,
      '2 problems: nothing would be imported.',
    ]);
    const asJson = JSON.parse((await run(path, true)).lines[0]);
    expect(asJson.problems.map((p: any) => [p.row, p.rule])).toEqual([
      [2, 'unknown-rating'],
      [3, 'year-out-of-range'],
    ]);
  });

  it('fails on a file it cannot read, saying why', async () => {
    const missing = await run(join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.lines[0]).toContain('ENOENT');
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('Stadt;Jahr\nM\u00fcnchen;2015\n', 'latin1'));
    expect((await run(latin1)).lines).toEqual([`${latin1}: The history file is not UTF-8 text: save it as CSV UTF-8, or as an Excel workbook (.xlsx)`]);
  });
});

describe('import-history --apply', () => {
  const summary = {
    importId: 'abc',
    programme: 'charter',
    answers: 3,
    years: [{ year: 2015, participants: 2, answers: 3, replaced: true }],
    observations: 3,
  };

  async function apply(history: { import: jest.Mock }, replace = false, json = false) {
    const lines: string[] = [];
    const code = await applyHistoryFile(SAMPLE, 'charter', { replace, json }, history as never, (l) => lines.push(l));
    return { code, lines };
  }

  it('imports through the engine as an operator, passing --replace on, and prints the summary', async () => {
    const history = { import: jest.fn().mockResolvedValue(summary) };
    const { code, lines } = await apply(history, true);
    expect(code).toBe(0);
    expect(history.import).toHaveBeenCalledWith(
      'charter',
      expect.any(Buffer),
      { actor: 'cli:import-history', roles: ['operator'], committeeOf: [] },
      { replace: true },
    );
    expect(lines).toEqual([
      `${SAMPLE}: imported 3 answers into charter (import abc).`,
      '  2015: 2 participants, 3 answers (replaced what was stored)',
      '3 observations recorded.',
    ]);
  });

  it('prints every problem by row and column, or the conflict, and exits 1', async () => {
    const problems = [{ row: 4, column: 'A (city)', rule: 'unknown-city' as const, message: '"Atlantis" is not a city' }];
    const bad = await apply({ import: jest.fn().mockRejectedValue(new HistoryFileProblemsError(problems)) });
    expect(bad).toEqual({ code: 1, lines: [`${SAMPLE}: row 4, A (city): "Atlantis" is not a city [unknown-city]`, '1 problem: nothing was imported.'] });
    const taken = await apply({ import: jest.fn().mockRejectedValue(new ConflictError('the year 2015 of "charter" is imported already')) }, false, true);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.lines[0])).toEqual({ file: SAMPLE, error: 'the year 2015 of "charter" is imported already' });
  });
});
