import { Answers, changedQuestions, diffRevisions, LocalizedText, Questionnaire, SubmissionContent } from '@pact/domain';

/** Who did it, as the page names them: the address in the event log's actor ("chair:anna@…"). */
export const whoOf = (actor: string) => actor.replace(/^[a-z]+:/, '');

/**
 * A task's revisions as its page lists them: newest first, each with who sent it and what changed
 * since the one before (the first against nothing). Pure, so it is a unit test. A questionnaire
 * round's revisions (answers, given the round's questionnaire) say which questions' answers
 * changed (`changedQuestions`), by their labels.
 */
export function revisionHistory(
  revisions: {
    revision: number;
    submittedAt: Date;
    late: boolean;
    afterCompilation: boolean;
    submittedBy: string;
    content?: SubmissionContent;
    answers?: Answers;
  }[],
  questionnaire?: Questionnaire,
) {
  return revisions
    .map((r, i) => ({
      revision: r.revision,
      submittedAt: r.submittedAt,
      late: r.late,
      afterCompilation: r.afterCompilation,
      by: whoOf(r.submittedBy),
      // A questionnaire round's revisions carry answers, not a report: compared by question below.
      diff: r.content ? diffRevisions(revisions[i - 1]?.content ?? null, r.content) : null,
      changedAnswers:
        r.answers && questionnaire ? changedQuestions(questionnaire, revisions[i - 1]?.answers ?? null, r.answers).map((q): LocalizedText => q.label) : null,
    }))
    .reverse();
}
