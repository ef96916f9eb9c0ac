import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { historicCycles, HistoryProblem, HistoryScheme, readHistoryRows } from '@pact/domain';
import {
  EngineError,
  EngineStorageModule,
  HistoryFileProblemsError,
  HistoryModule,
  HistoryService,
  InvalidError,
  loadHistoryScheme,
  readHistoryTable,
  SendsNoEmailModule,
} from '@pact/engine';
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/**
 * Checks a history file (docs/guide/history-import.md) against a programme (the Charter by
 * default) and prints what an import would make, or every problem by row and column. A dry run
 * unless `--apply`: then the file is imported into the database (MONGODB_URI) by HistoryService,
 * as POST /api/history does, all or nothing; `--replace` lets it take the place of years already
 * imported.
 *
 *   npm run import-history -- config/history/charter-history.sample.csv [--programme charter] [--apply [--replace]] [--json]
 *
 * Exit status: 0 the file would import (or did), 1 it would not (problems, unreadable, a year
 * imported already), 2 usage.
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
    printProblems(path, read.problems, json, print, 'would be');
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
    print('Dry run: nothing was stored (--apply imports it).');
  }
  return 0;
}

function printProblems(path: string, problems: HistoryProblem[], json: boolean, print: (line: string) => void, mood: 'would be' | 'was'): void {
  if (json) return print(JSON.stringify({ file: path, problems }));
  for (const p of problems) print(`${path}: row ${p.row}, ${p.column}: ${p.message} [${p.rule}]`);
  print(`${problems.length} problem${problems.length === 1 ? '' : 's'}: nothing ${mood} imported.`);
}

// Storage only (no Redis, nothing sent): the import writes historic cycles, observations and an event.
@Module({ imports: [EngineStorageModule, SendsNoEmailModule, HistoryModule] })
class ImportHistoryModule {}

/** Imports the file into the database as an operator would through the API; prints the summary or what stopped it. */
export async function applyHistoryFile(
  path: string,
  programme: string,
  opts: { replace: boolean; json: boolean },
  history: Pick<HistoryService, 'import'>,
  print: (line: string) => void,
): Promise<number> {
  try {
    const summary = await history.import(
      programme,
      await readFile(path),
      { actor: 'cli:import-history', roles: ['operator'], committeeOf: [] },
      { replace: opts.replace },
    );
    if (opts.json) print(JSON.stringify({ file: path, ...summary }));
    else {
      print(`${path}: imported ${summary.answers} answers into ${programme} (import ${summary.importId}).`);
      for (const y of summary.years)
        print(`  ${y.year}: ${y.participants} participants, ${y.answers} answers${y.replaced ? ' (replaced what was stored)' : ''}`);
      print(`${summary.observations} observations recorded.`);
    }
    return 0;
  } catch (e) {
    if (e instanceof HistoryFileProblemsError) {
      printProblems(path, e.rowProblems, opts.json, print, 'was');
      return 1;
    }
    if (!(e instanceof EngineError) && (e as NodeJS.ErrnoException).code === undefined) throw e;
    print(opts.json ? JSON.stringify({ file: path, error: (e as Error).message }) : `${path}: ${(e as Error).message}; nothing was imported.`);
    return 1;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      programmes: { type: 'string', default: 'config/programmes' },
      programme: { type: 'string', default: 'charter' },
      apply: { type: 'boolean', default: false },
      replace: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1 || (values.replace && !values.apply)) {
    console.error('usage: npm run import-history -- <file.csv|file.xlsx> [--programme charter] [--apply [--replace]] [--json]');
    process.exit(2);
  }
  if (values.apply) {
    // The programme as the engine serves it (its participants in the database, those the committee added among them).
    const app = await NestFactory.createApplicationContext(ImportHistoryModule, { logger: ['error'] });
    try {
      process.exitCode = await applyHistoryFile(
        positionals[0],
        values.programme,
        { replace: values.replace, json: values.json },
        app.get(HistoryService),
        (l) => console.log(l),
      );
    } finally {
      await app.close();
    }
    process.exit(process.exitCode);
  }
  // The programme's cities and commitments, from its files (config/programmes/<programme>*.yaml).
  const scheme = await loadHistoryScheme(resolve(values.programmes), values.programme, new Date().getUTCFullYear());
  const code = await checkHistoryFile(positionals[0], scheme, values.json, (line) => console.log(line));
  process.exit(code);
}

if (require.main === module)
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
