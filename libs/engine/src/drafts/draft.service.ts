import type { LocalizedText } from '@pact/domain';
import { Inject, Injectable } from '@nestjs/common';
import {
  Answers,
  CLOCK,
  Clock,
  DRAFT_TEXT_LISTS,
  draftFromContent,
  draftProblems,
  isQuestionnaireRound,
  isRecord,
  keptAnswers,
  ReportDraft,
  ReportTemplate,
} from '@pact/domain';
import { CycleRepository, DraftOrigin, DraftRecord, DraftRepository, SubmissionRepository, TaskRecord, TaskRepository } from '@pact/persistence';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { assertReportWritable, loadTaskAndCycle, loadTaskForWriting, questionnaireOf, TaskAndCycle, reportTemplateOf } from '../tasks/task-and-cycle';
import { PreviousReportQuery } from './previous-report.query';

/** The draft changed since the writer read it (another window, another chair of the group): nothing was written. */
export class DraftChangedError extends ConflictError {
  constructor(readonly current: DraftRecord | null) {
    super('the draft was saved elsewhere meanwhile (another window or another chair); nothing was overwritten');
  }
}

/** What a draft can start from: the task's latest revision, and the group's report of the previous cycle. */
export interface DraftSources {
  revision?: { revision: number; submittedAt: Date };
  previousCycle?: { cycleId: string; cycleName: string; milestoneTitle: LocalizedText; revision: number; submittedAt: Date };
}

export type DraftSource = 'revision' | 'previous-cycle';

/**
 * The draft of a task's report: saved at any time, by whoever chairs the group, kept
 * server-side until the report is submitted (then cleared), never a revision. Each write is
 * guarded by the version the writer read, so two windows cannot silently overwrite each other:
 * the second gets DraftChangedError with what is stored now.
 */
@Injectable()
export class DraftService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly cycles: CycleRepository,
    private readonly submissions: SubmissionRepository,
    private readonly drafts: DraftRepository,
    private readonly previous: PreviousReportQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The task's draft record (its `content` null when cleared), or null when none was ever saved. */
  async get(taskId: string): Promise<DraftRecord | null> {
    return this.drafts.findByTask(taskId);
  }

  /** Saves the answers as they are (incomplete is fine; only the draft's bounds are checked). */
  async save(taskId: string, content: ReportDraft, expectedVersion: number, actor: string): Promise<DraftRecord> {
    return this.saveTo(await loadTaskForWriting({ tasks: this.tasks, cycles: this.cycles }, taskId), content, expectedVersion, actor);
  }

  /**
   * `save` for a caller that has just read the task and its cycle through the engine (the pages'
   * task context), so they are not read again: the same rules on what was read (the report can
   * still be written, the draft's bounds), and the version guard decides against what is stored.
   */
  async saveTo(target: TaskAndCycle, content: ReportDraft, expectedVersion: number, actor: string): Promise<DraftRecord> {
    assertReportWritable(target);
    const { task, cycle } = target;
    const problems = draftProblems(content, reportTemplateOf(cycle), task.groupKey);
    if (problems.length) throw new InvalidError(problems);
    return this.write(task, expectedVersion, { content, savedBy: actor });
  }

  /**
   * Saves a questionnaire round's answers as typed (a city's self-evaluation in progress):
   * incomplete and wrong answers are fine, they are checked when submitted; only answers to the
   * questions those answers show are kept (`keptAnswers`, as a submission keeps them), so a draft
   * holds nothing the questionnaire does not ask. Guarded by version as a report's draft is; a
   * report round refuses answers (InvalidError).
   */
  async saveAnswersTo(target: TaskAndCycle, answers: Answers, expectedVersion: number, actor: string): Promise<DraftRecord> {
    assertReportWritable(target);
    const questionnaire = questionnaireOf(target.cycle);
    if (!isRecord(answers)) throw InvalidError.fromMessages(['answers: must be an object of answers by question key']);
    return this.write(target.task, expectedVersion, { content: null, answers: keptAnswers(questionnaire, answers), savedBy: actor });
  }

  /**
   * After a submission: the draft is emptied (the document stays, its version counting on). A
   * draft changed since `expectedVersion` is newer work and is kept; false then. Takes the task
   * the submission returned (no second read).
   */
  async clear(task: Pick<TaskRecord, 'id' | 'cycleId' | 'groupKey'>, expectedVersion: number, actor: string): Promise<boolean> {
    if (expectedVersion === 0) return false;
    const cleared = await this.drafts.save(task.id, expectedVersion, {
      cycleId: task.cycleId,
      groupKey: task.groupKey,
      content: null,
      answers: null,
      savedAt: this.clock.now(),
      savedBy: actor,
      startedFrom: null,
    });
    return !!cleared;
  }

  async sources(taskId: string): Promise<DraftSources> {
    const { task, cycle } = await loadTaskAndCycle({ tasks: this.tasks, cycles: this.cycles }, taskId);
    const [latest, previous] = await Promise.all([
      task.latestRevision ? this.submissions.findRevision(task.id, task.latestRevision) : null,
      this.previous.find(task, cycle),
    ]);
    return {
      ...(latest ? { revision: { revision: latest.revision, submittedAt: latest.submittedAt } } : {}),
      ...(previous
        ? {
            previousCycle: {
              cycleId: previous.cycleId,
              cycleName: previous.cycleName,
              milestoneTitle: previous.milestoneTitle,
              revision: previous.revision,
              submittedAt: previous.submittedAt,
            },
          }
        : {}),
    };
  }

  /**
   * Fills the draft with an earlier report's answers: the task's latest revision, or the group's
   * report of the previous cycle's milestone of the same kind. Replaces what the draft held, so
   * it too is guarded by the version the chair saw.
   */
  async startFrom(taskId: string, source: DraftSource, expectedVersion: number, actor: string): Promise<DraftRecord> {
    const { task, cycle } = await loadTaskForWriting({ tasks: this.tasks, cycles: this.cycles }, taskId);
    if (isQuestionnaireRound(cycle)) {
      // A round's draft starts from the task's latest answers; an earlier round's are not offered.
      const latest = source === 'revision' && task.latestRevision ? await this.submissions.findRevision(task.id, task.latestRevision) : null;
      if (!latest?.answers) throw new NotFoundError('no answers have been submitted for this task yet');
      const answers = keptAnswers(cycle.questionnaire, latest.answers);
      return this.write(task, expectedVersion, { content: null, answers, savedBy: actor, startedFrom: { kind: 'revision', revision: latest.revision } });
    }
    let content;
    let origin: DraftOrigin;
    if (source === 'revision') {
      const latest = task.latestRevision ? await this.submissions.findRevision(task.id, task.latestRevision) : null;
      if (!latest?.content) throw new NotFoundError('nothing has been submitted for this task yet');
      content = latest.content;
      origin = { kind: 'revision', revision: latest.revision };
    } else {
      const previous = await this.previous.find(task, cycle);
      if (!previous) throw new NotFoundError('the working group has no report of this kind in an earlier cycle');
      content = previous.content;
      origin = {
        kind: 'previous-cycle',
        cycleId: previous.cycleId,
        cycleName: previous.cycleName,
        milestoneTitle: previous.milestoneTitle,
        revision: previous.revision,
      };
    }
    const template = reportTemplateOf(cycle);
    const draft = withinLimits(draftFromContent(content, template, task.groupKey), template);
    return this.write(task, expectedVersion, { content: draft, savedBy: actor, startedFrom: origin });
  }

  private async write(
    task: TaskRecord,
    expectedVersion: number,
    w: { content: ReportDraft | null; answers?: Answers; savedBy: string; startedFrom?: DraftOrigin },
  ): Promise<DraftRecord> {
    const saved = await this.drafts.save(task.id, expectedVersion, { cycleId: task.cycleId, groupKey: task.groupKey, savedAt: this.clock.now(), ...w });
    if (!saved) throw new DraftChangedError(await this.drafts.findByTask(task.id));
    return saved;
  }
}

/** An earlier report may hold more than this cycle's template allows: the draft keeps what fits (the rest would be refused anyway). */
function withinLimits(draft: ReportDraft, template: ReportTemplate): ReportDraft {
  const l = template.limits;
  const out: ReportDraft = {
    ...draft,
    measures: draft.measures.slice(0, l.maxMeasures),
    customIndicators: draft.customIndicators.slice(0, Math.max(0, l.maxIndicators - draft.predefinedIndicators.length)),
  };
  for (const list of DRAFT_TEXT_LISTS) out[list] = draft[list].slice(0, l.maxItemsPerList);
  return out;
}
