import { historicCycles, HistoryScheme, readHistoryRows } from '@pact/domain';
import { InvalidError, loadHistoryScheme, readHistoryTable } from '@pact/engine';
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/**
 * Checks a history file (docs/guide/history-import.md) against the Charter and prints what an
 * import would make, or every problem by row and column. A dry run: nothing is stored, as the
 * historic cycles have no collection yet.
 *
 *   npm run import-history -- config/history/charter-history.sample.csv [--json]
 *
 * Exit status: 0 the file would import, 1 it would not (problems, or unreadable), 2 usage.
 */
export async function checkHistoryFile(path: string, scheme: HistoryScheme, json: boolean, print: (line: string) => void): Promise<number> {
  let table: string[][];
  try {
    table = await readHistoryTable(await readFile(path));
  } catch (e) {
    if (!(e instanceof InvalidError) && (e as NodeJS.ErrnoException).code === undefined) throw e;
    print(json ? JSON.stringify({ file: path, error: (e as Error).message }) : `${path}: ${(e as Error).message}`);
    return 1;
  }
  const read = readHistoryRows(table, scheme);
  if (read.problems) {
    if (json) print(JSON.stringify({ file: path, problems: read.problems }));
    else {
      for (const p of read.problems) print(`${path}: row ${p.row}, ${p.column}: ${p.message} [${p.rule}]`);
      print(`${read.problems.length} problem${read.problems.length === 1 ? '' : 's'}: nothing would be imported.`);
    }
    return 1;
  }
  const cycles = historicCycles(read.rows);
  if (json) {
    const summary = cycles.map((c) => ({
      year: c.year,
      participants: c.participations.length,
      answers: c.participations.reduce((n, p) => n + p.answers.length, 0),
    }));
    print(JSON.stringify({ file: path, answers: read.rows.length, cycles: summary }));
  } else {
    print(`${path}: ${read.rows.length} answers in ${cycles.length} historic cycle${cycles.length === 1 ? '' : 's'}, no problem.`);
    for (const c of cycles)
      print(`  ${c.year}: ${c.participations.length} participants, ${c.participations.reduce((n, p) => n + p.answers.length, 0)} answers`);
    print('Dry run: nothing was stored.');
  }
  return 0;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, programmes: { type: 'string', default: 'config/programmes' } },
  });
  if (positionals.length !== 1) {
    console.error('usage: npm run import-history -- <file.csv|file.xlsx> [--json]');
    process.exit(2);
  }
  // The Charter's cities and commitments, from its programme files (config/programmes/charter*.yaml).
  const scheme = await loadHistoryScheme(resolve(values.programmes), 'charter', new Date().getUTCFullYear());
  const code = await checkHistoryFile(positionals[0], scheme, values.json, (line) => console.log(line));
  process.exit(code);
}

if (require.main === module)
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
