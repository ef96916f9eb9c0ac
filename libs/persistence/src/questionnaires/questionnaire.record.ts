import type { Questionnaire } from '@pact/domain';

/**
 * A questionnaire version a cycle has used (its `id` is `<key>:<version>`): stored when the first
 * round with it starts, never changed after, so a later start can tell that the file's definition
 * of that version differs (`versionProblems`) instead of running a changed questionnaire under an
 * old number.
 */
export interface QuestionnaireVersionRecord {
  id: string;
  key: string;
  version: number;
  definition: Questionnaire;
  firstUsedAt: Date;
}
