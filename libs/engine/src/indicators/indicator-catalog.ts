import { Inject, Injectable } from '@nestjs/common';
import { Indicator, ProgrammeIndicators, programmeIndicatorsProblems, TextLanguages } from '@pact/domain';
import { readProgrammeFiles } from '../programmes/programme-files';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { EngineSettings } from '../config/settings';
import { NotFoundError } from '../errors';

const SUFFIX = '.indicators.yaml';

/**
 * The programmes' indicator catalogues (PROGRAMMES_DIR/<programme>.indicators.yaml), read once
 * at start and checked by `programmeIndicatorsProblems` in the configuration's languages; the
 * file's name must name its programme. Any problem stops the process, naming the file and the
 * place, so no observation is ever stored under an indicator nobody can name or read.
 */
export function loadIndicatorCatalogs(dir: string, languages: TextLanguages): ProgrammeIndicators[] {
  const { files, problems } = readProgrammeFiles(dir, SUFFIX);
  const found: ProgrammeIndicators[] = [];
  for (const { name: named, path, parsed } of files) {
    const own = programmeIndicatorsProblems(parsed, languages);
    problems.push(...own.map((p) => `${path}: ${p}`));
    if (own.length) continue;
    const catalog = parsed as ProgrammeIndicators;
    if (catalog.programme !== named) problems.push(`${path}: programme: is "${catalog.programme}", but the file is named for "${named}"`);
    else found.push({ programme: catalog.programme, indicators: catalog.indicators });
  }
  if (problems.length) throw new Error(`Invalid indicator catalogues in ${dir}:\n  ${problems.join('\n  ')}`);
  return found;
}

/** Every programme's indicators, by programme (the Pact's, the Charter's). */
@Injectable()
export class IndicatorCatalog {
  private readonly byProgramme: Map<string, ProgrammeIndicators>;

  constructor(settings: EngineSettings, @Inject(PACT_CONFIG) config: PactConfig) {
    this.byProgramme = new Map(loadIndicatorCatalogs(settings.programmesDir, config.languages).map((c) => [c.programme, c]));
  }

  /** Every catalogue, by programme key. */
  list(): ProgrammeIndicators[] {
    return [...this.byProgramme.values()];
  }

  /** A programme's catalogue, if it has one (a programme without indicators makes no observations). */
  of(programme: string): ProgrammeIndicators | undefined {
    return this.byProgramme.get(programme);
  }

  /** One indicator of a programme, or NotFoundError naming it. */
  indicator(programme: string, code: string): Indicator {
    const found = this.byProgramme.get(programme)?.indicators.find((i) => i.code === code);
    if (!found) throw new NotFoundError(`no indicator "${code}" in programme ${programme}`);
    return found;
  }
}
