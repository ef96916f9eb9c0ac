import { Inject, Injectable } from '@nestjs/common';
import { Questionnaire, questionnaireProblems, TextLanguages } from '@pact/domain';
import { readProgrammeFiles } from '../programmes/programme-files';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { EngineSettings } from '../config/settings';
import { NotFoundError } from '../errors';

const SUFFIX = '.questionnaire.yaml';

/**
 * The questionnaires of the programmes' files (PROGRAMMES_DIR/<programme>.questionnaire.yaml),
 * read once at start and checked by `questionnaireProblems` in the configuration's languages:
 * any problem stops the process, naming the file and the place, as the locales' texts do, so a
 * page never meets a questionnaire it cannot show.
 */
export function loadQuestionnaires(dir: string, languages: TextLanguages): Questionnaire[] {
  const { files, problems } = readProgrammeFiles(dir, SUFFIX);
  const found: Questionnaire[] = [];
  for (const { path, parsed } of files) {
    const own = questionnaireProblems(parsed, languages);
    problems.push(...own.map((p) => `${path}: ${p.path ? `${p.path}: ` : ''}${p.message}`));
    if (own.length) continue;
    const q = parsed as Questionnaire;
    if (found.some((other) => other.key === q.key)) problems.push(`${path}: another file has the questionnaire "${q.key}"`);
    else found.push(q);
  }
  if (problems.length) throw new Error(`Invalid questionnaires in ${dir}:\n  ${problems.join('\n  ')}`);
  return found;
}

/** The programmes' questionnaires by key (the Charter's self-evaluation). */
@Injectable()
export class QuestionnaireCatalog {
  private readonly byKey: Map<string, Questionnaire>;

  constructor(settings: EngineSettings, @Inject(PACT_CONFIG) config: PactConfig) {
    this.byKey = new Map(loadQuestionnaires(settings.programmesDir, config.languages).map((q) => [q.key, q]));
  }

  list(): Questionnaire[] {
    return [...this.byKey.values()];
  }

  get(key: string): Questionnaire {
    const q = this.byKey.get(key);
    if (!q) throw new NotFoundError(`no questionnaire "${key}"`);
    return q;
  }
}
