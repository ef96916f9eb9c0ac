import { FALLBACK_LANGUAGE, historySchemeOf, HistoryScheme, LANGUAGES, localizedTextProblems, Questionnaire, questionnaireProblems } from '@pact/domain';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

// A city's name is often the same in every language (one text); the questionnaire is read in all.
const ANY_NAME = { fallback: FALLBACK_LANGUAGE, required: [FALLBACK_LANGUAGE] };
const ALL_LANGUAGES = { fallback: FALLBACK_LANGUAGE, required: LANGUAGES };

/** The first cycle year a history file may hold: the Charter was launched in 2010. */
export const FIRST_HISTORY_YEAR = 2010;

/** A programme's participant as its file lists it (config/programmes/<programme>.yaml). */
interface ProgrammeParticipant {
  key: string;
  name: HistoryScheme['participants'][number]['name'];
}

/**
 * What a history file of `programme` is checked against, read from its files in `dir`
 * (config/programmes): the participants of `<programme>.yaml` and the rating questions of
 * `<programme>.questionnaire.yaml`, for cycle years from 2010 (the Charter's launch) to
 * `lastYear`. Both files are checked first: a history is never read against a broken programme.
 */
export async function loadHistoryScheme(dir: string, programme: string, lastYear: number): Promise<HistoryScheme> {
  const read = async (name: string): Promise<unknown> => parse(await readFile(join(dir, name), 'utf8'));
  const file = (await read(`${programme}.yaml`)) as { participants?: ProgrammeParticipant[] };
  const questionnaire = (await read(`${programme}.questionnaire.yaml`)) as Questionnaire;

  const participants = Array.isArray(file?.participants) ? file.participants : [];
  if (participants.length === 0) throw new Error(`${programme}.yaml lists no participants`);
  const problems = [
    ...participants.flatMap((p, i) =>
      typeof p?.key !== 'string' || !p.key ? [`participants[${i}].key: missing`] : localizedTextProblems(`participants[${i}].name`, p.name, ANY_NAME),
    ),
    ...questionnaireProblems(questionnaire, ALL_LANGUAGES).map((p) => `${programme}.questionnaire.yaml ${p.path}: ${p.message}`),
  ];
  if (problems.length > 0) throw new Error(`the programme ${programme} cannot be read: ${problems.join('; ')}`);
  return historySchemeOf(questionnaire, participants, { from: FIRST_HISTORY_YEAR, to: lastYear });
}
