import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One file of the programmes' folder, parsed: `name` is the file's name without its suffix (the programme's key). */
export interface ProgrammeFile {
  name: string;
  path: string;
  parsed: unknown;
}

/**
 * The files of the programmes' folder (PROGRAMMES_DIR) that end in `suffix` (`.questionnaire.yaml`,
 * `.indicators.yaml`; `.yaml` for the programmes themselves, with `accept` narrowing), sorted and
 * parsed. A file that is not YAML is a problem named by its path; a folder that cannot be read
 * stops the process. One reader for every kind of programme file, each checked by its own rule.
 */
export function readProgrammeFiles(
  dir: string,
  suffix: string,
  accept: (file: string) => boolean = () => true,
): { files: ProgrammeFile[]; problems: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith(suffix) && accept(f))
      .sort();
  } catch (err) {
    throw new Error(`Cannot read the programmes' folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const files: ProgrammeFile[] = [];
  const problems: string[] = [];
  for (const file of names) {
    const path = join(dir, file);
    try {
      files.push({ name: file.slice(0, -suffix.length), path, parsed: parse(readFileSync(path, 'utf8')) });
    } catch (err) {
      problems.push(`${path}: ${(err as Error).message}`);
    }
  }
  return { files, problems };
}
