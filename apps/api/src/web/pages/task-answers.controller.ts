import { Body, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { answerProblems, Answers, CLOCK, Clock, isAnswered, isLate, isQuestionnaireRound, Questionnaire, visibleQuestions } from '@pact/domain';
import { ConflictError, DraftChangedError, DraftService, InvalidError, questionnaireOf, SubmissionService } from '@pact/engine';
import type { Response } from 'express';
import { FormProblem, problemsOf } from '../form-errors';
import { questionnaireForm, readQuestionnaireAnswers } from '../forms/questionnaire-form';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { answersCheckView } from './answers-view';
import { questionnaireView } from './questionnaire-view';
import { TaskContext, TaskContextLoader } from './task-context';

interface FormNotice {
  text: string;
  warning?: boolean;
}

const version = (v: unknown): number => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : 0);

type Action = 'save' | 'continue' | 'check';
const actionOf = (v: unknown): Action => (v === 'check' || v === 'continue' ? v : 'save');

/**
 * A participant's answers to a questionnaire round (a Charter city's self-evaluation), in the
 * workspace chairs use for reports: the form built from the round's questionnaire (saved as a
 * draft at any time), "check your answers", the submission (SubmissionService.submitAnswersTo:
 * errors beside each field and in the summary, nothing stored on error; on success a new
 * revision and the draft cleared), then the confirmation the report form shares.
 *
 * Without JavaScript (the page has no script): a question whose condition an answer makes true
 * appears when the answers are posted — "Continue" saves the draft and shows the form again
 * with the questions the answers bring up, "Check your answers" saves and checks. Declining is
 * one path: answer "no" to taking part, check, submit; nothing else is asked.
 */
@PageController('tasks')
@PageRoles('chair')
export class TaskAnswersPagesController {
  constructor(
    private readonly tasks: TaskContextLoader,
    private readonly drafts: DraftService,
    private readonly submissions: SubmissionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/answers')
  async form(@Page() page: PageState, @Param('id') id: string, @Query('saved') saved: string | undefined, @Res() res: Response) {
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    // A report round's task has a report form instead (task-report.controller.ts).
    if (!isQuestionnaireRound(ctx.cycle)) return res.redirect(303, `/tasks/${id}/report`);
    const draft = await this.drafts.get(id);
    this.renderForm(page, res, 200, ctx, {
      answers: draft?.answers ?? {},
      version: draft?.version ?? 0,
      savedAt: draft?.answers ? draft.savedAt : undefined,
      notice: saved === '1' && draft?.answers ? { text: page.i18n.t('reportForm.saved') } : undefined,
    });
  }

  /** Every button of the form: save, continue (show the questions the answers bring up), check. Each saves the draft first. */
  @Post(':id/answers')
  async post(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    const questionnaire = questionnaireOf(ctx.cycle);
    const answers = readQuestionnaireAnswers(questionnaire, body);
    const action = actionOf(body.action);
    let saved;
    try {
      saved = await this.drafts.saveAnswersTo({ task: ctx.task, cycle: ctx.cycle }, answers, version(body.draftVersion), page.person!.actor);
    } catch (err) {
      if (err instanceof DraftChangedError) {
        // What this page sent is shown again with the version now stored: saving again is a choice made knowingly.
        return this.renderForm(page, res, 409, ctx, {
          answers,
          version: err.current?.version ?? 0,
          notice: { text: t('answersForm.savedElsewhere'), warning: true },
        });
      }
      if (err instanceof InvalidError) return this.renderForm(page, res, 400, ctx, { answers, version: version(body.draftVersion), problems: err.problems });
      throw err;
    }
    if (action === 'save') return res.redirect(303, `/tasks/${id}/answers?saved=1`);
    if (action === 'continue') return res.redirect(303, `/tasks/${id}/answers${nextQuestion(questionnaire, answers)}`);
    const problems = answerProblems(questionnaire, answers);
    if (problems.length) return this.renderForm(page, res, 400, ctx, { answers, version: saved.version, savedAt: saved.savedAt, problems });
    res.redirect(303, `/tasks/${id}/answers/check`);
  }

  @Get(':id/answers/check')
  async check(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    if (!isQuestionnaireRound(ctx.cycle)) return res.redirect(303, `/tasks/${id}/check`);
    const draft = await this.drafts.get(id);
    if (!draft?.answers) return res.redirect(303, `/tasks/${id}/answers`);
    const problems = answerProblems(questionnaireOf(ctx.cycle), draft.answers);
    const o = { answers: draft.answers, version: draft.version, savedAt: draft.savedAt };
    if (problems.length) return this.renderForm(page, res, 200, ctx, { ...o, problems });
    this.renderCheck(page, res, 200, ctx, draft.answers, draft.version);
  }

  /**
   * Submits the draft the person checked (the version they saw: a draft changed since is checked
   * again first), through SubmissionService.submitAnswersTo on the task and cycle this request
   * read; then the draft is cleared. On any problem nothing is stored: the form comes back with
   * each error beside its field.
   */
  @Post(':id/answers/submit')
  async submit(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    const draft = await this.drafts.get(id);
    if (!draft?.answers) return res.redirect(303, `/tasks/${id}/answers`);
    const answers = draft.answers;
    const formWith = (problems: FormProblem[]) => this.renderForm(page, res, 400, ctx, { answers, version: draft.version, savedAt: draft.savedAt, problems });
    if (draft.version !== version(body.draftVersion)) {
      const problems = answerProblems(questionnaireOf(ctx.cycle), answers);
      if (problems.length) return formWith(problems);
      return this.renderCheck(page, res, 409, ctx, answers, draft.version, { text: t('checkAnswers.draftChanged'), warning: true });
    }
    let submitted;
    try {
      submitted = await this.submissions.submitAnswersTo({ task: ctx.task, cycle: ctx.cycle }, answers, page.person!.actor);
    } catch (err) {
      const problems = problemsOf(err);
      if (problems) return formWith(problems);
      if (err instanceof ConflictError) return this.renderCheck(page, res, 409, ctx, answers, draft.version, { text: t('answersCheck.closed'), warning: true });
      throw err;
    }
    await this.drafts.clear(submitted.task, draft.version, page.person!.actor);
    res.redirect(303, `/tasks/${id}/submitted?revision=${submitted.submission.revision}`);
  }

  private caption(page: PageState, ctx: TaskContext): string {
    return page.i18n.t('task.title', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction });
  }

  private renderForm(
    page: PageState,
    res: Response,
    status: number,
    ctx: TaskContext,
    o: { answers: Answers; version: number; savedAt?: Date; problems?: FormProblem[]; notice?: FormNotice },
  ) {
    const t = page.i18n.t;
    const questionnaire = questionnaireOf(ctx.cycle);
    const form = questionnaireForm(questionnaire, o.answers);
    res.status(status).render('pages/task-answers', {
      title: t('answersForm.pageTitle', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction }),
      caption: this.caption(page, ctx),
      task: ctx.task,
      questionnaire: { name: page.i18n.text(questionnaire.name) },
      sections: questionnaireView(form, t),
      errors: form.model.errors(o.problems ?? [], t),
      notice: o.notice,
      savedText: o.savedAt ? t('reportForm.lastSaved', { date: page.i18n.dateTime(o.savedAt) }) : t('reportForm.notSaved'),
      draftVersion: o.version,
    });
  }

  private renderCheck(page: PageState, res: Response, status: number, ctx: TaskContext, answers: Answers, draftVersion: number, notice?: FormNotice) {
    const t = page.i18n.t;
    const questionnaire = questionnaireOf(ctx.cycle);
    res.status(status).render('pages/task-answers-check', {
      title: t('answersCheck.pageTitle', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction }),
      caption: this.caption(page, ctx),
      task: ctx.task,
      sections: answersCheckView(questionnaire, answers, t, (n) => page.i18n.number(n)),
      draftVersion,
      nextRevision: ctx.task.latestRevision + 1,
      late: ctx.awaiting && isLate(this.clock.now(), ctx.task.dueAt),
      notice,
    });
  }
}

/** Where "Continue" lands: the first question shown and not yet answered (one the last answer brought up), else the form's top. */
function nextQuestion(questionnaire: Questionnaire, answers: Answers): string {
  const next = visibleQuestions(questionnaire, answers).find((q) => !isAnswered(answers[q.key]) && q.required);
  return next ? `#${next.key}` : '';
}
