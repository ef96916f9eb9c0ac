import { Body, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CLOCK, Clock, DraftPathOf, emptyDraft, isLate, isQuestionnaireRound, normaliseContent, ReportDraft, SubmissionContent } from '@pact/domain';
import { ConflictError, DraftChangedError, DraftService, InvalidError, SubmissionService, TaskQuery, reportTemplateOf } from '@pact/engine';
import type { Response } from 'express';
import { FormProblem, problemsOf } from '../form-errors';
import {
  applyRowAction,
  checkReport,
  checkReportBody,
  maxRows,
  maxTextOf,
  readAction,
  readReportForm,
  reportForm,
  reportFormView,
  withTemplateRules,
} from '../forms/report-form';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { TaskContext, TaskContextLoader } from './task-context';

interface FormNotice {
  text: string;
  warning?: boolean;
}

const version = (v: unknown): number => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : 0);

/**
 * The chair's report, from the cycle's template: the form (saved as a draft at any time;
 * "add another" and "remove" without JavaScript; autosave with it), "check your answers", the
 * submission (the API's rules, errors beside each field, nothing stored on error; on success a
 * new revision and the draft cleared) and the confirmation saying what happens next. Only the
 * group's chair reaches these pages (403 for other roles, 404 for another group's task).
 */
@PageController('tasks')
@PageRoles('chair')
export class TaskReportPagesController {
  constructor(
    private readonly tasks: TaskContextLoader,
    private readonly drafts: DraftService,
    private readonly submissions: SubmissionService,
    private readonly access: TaskQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/report')
  async form(@Page() page: PageState, @Param('id') id: string, @Query('saved') saved: string | undefined, @Res() res: Response) {
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    // A questionnaire round's task is answered on its own form (task-answers.controller.ts).
    if (isQuestionnaireRound(ctx.cycle)) return res.redirect(303, `/tasks/${id}/answers`);
    const draft = await this.drafts.get(id);
    const notice = saved === '1' && draft?.content ? { text: page.i18n.t('reportForm.saved') } : undefined;
    this.renderForm(page, res, 200, ctx, {
      draft: draft?.content ?? null,
      version: draft?.version ?? 0,
      savedAt: draft?.content ? draft.savedAt : undefined,
      notice,
    });
  }

  /** Every button of the form: save, continue (to check the answers), add a row, remove a row. Each saves the draft first. */
  @Post(':id/report')
  async post(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    const template = reportTemplateOf(ctx.cycle);
    const action = readAction(body.action);
    const { draft, focus } = applyRowAction(readReportForm(body, template, ctx.task.groupKey), action, template, ctx.task.groupKey);
    let saved;
    try {
      saved = await this.drafts.saveTo({ task: ctx.task, cycle: ctx.cycle }, draft, version(body.draftVersion), page.person!.actor);
    } catch (err) {
      if (err instanceof DraftChangedError) {
        // What this page sent is shown again, with the version now stored: saving again is a choice made knowingly.
        return this.renderForm(page, res, 409, ctx, {
          draft,
          version: err.current?.version ?? 0,
          notice: { text: t('reportForm.savedElsewhere'), warning: true },
        });
      }
      if (err instanceof InvalidError) {
        // The draft's own bounds: problems at the draft's paths.
        return this.renderForm(page, res, 400, ctx, { draft, version: version(body.draftVersion), problems: err.problems });
      }
      throw err;
    }
    if (action.kind === 'add' || action.kind === 'remove') return res.redirect(303, `/tasks/${id}/report${focus ? `#${focus}` : ''}`);
    if (action.kind === 'save') return res.redirect(303, `/tasks/${id}/report?saved=1`);
    const check = await checkReport(draft, template, ctx.task.groupKey);
    if (check.problems.length) {
      return this.renderForm(page, res, 400, ctx, {
        draft,
        version: saved.version,
        savedAt: saved.savedAt,
        problems: check.problems,
        draftPathOf: check.draftPathOf,
      });
    }
    res.redirect(303, `/tasks/${id}/check`);
  }

  /** Autosave (report-form.js): the same save as the form's button, answered in JSON for the script. */
  @Post(':id/draft')
  async autosave(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.status(409).json({ message: t('task.closed') });
    const draft = readReportForm(body, reportTemplateOf(ctx.cycle), ctx.task.groupKey);
    try {
      const saved = await this.drafts.saveTo({ task: ctx.task, cycle: ctx.cycle }, draft, version(body.draftVersion), page.person!.actor);
      res.status(200).json({
        version: saved.version,
        savedAt: saved.savedAt.toISOString(),
        message: t('reportForm.lastSaved', { date: page.i18n.dateTime(saved.savedAt) }),
      });
    } catch (err) {
      if (err instanceof DraftChangedError) return res.status(409).json({ version: err.current?.version ?? 0, message: t('reportForm.autosaveChanged') });
      if (err instanceof InvalidError) return res.status(400).json({ message: t('reportForm.autosaveInvalid') });
      throw err;
    }
  }

  @Get(':id/check')
  async check(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    if (isQuestionnaireRound(ctx.cycle)) return res.redirect(303, `/tasks/${id}/answers/check`);
    const draft = await this.drafts.get(id);
    if (!draft?.content) return res.redirect(303, `/tasks/${id}/report`);
    const check = await checkReport(draft.content, reportTemplateOf(ctx.cycle), ctx.task.groupKey);
    if (check.problems.length) {
      return this.renderForm(page, res, 200, ctx, {
        draft: draft.content,
        version: draft.version,
        savedAt: draft.savedAt,
        problems: check.problems,
        draftPathOf: check.draftPathOf,
      });
    }
    this.renderCheck(page, res, 200, ctx, draft.content, check.content!, check.draftPathOf, draft.version);
  }

  /**
   * Submits the draft the person checked: the API's body rules again (the draft may have changed
   * in another window), then SubmissionService.submitTo on the task and cycle this request read
   * (it runs the template's rules, once), then the draft is cleared. On any problem nothing is
   * stored: the form comes back with each error beside its field.
   */
  @Post(':id/submit')
  async submit(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    const draft = await this.drafts.get(id);
    if (!draft?.content) return res.redirect(303, `/tasks/${id}/report`);
    const formWith = (problems: FormProblem[], draftPathOf: DraftPathOf) =>
      this.renderForm(page, res, 400, ctx, { draft: draft.content, version: draft.version, savedAt: draft.savedAt, problems, draftPathOf });
    let check = await checkReportBody(draft.content, reportTemplateOf(ctx.cycle), ctx.task.groupKey);
    if (check.problems.length) return formWith(check.problems, check.draftPathOf);
    if (draft.version !== version(body.draftVersion)) {
      // Not submitted: the draft's problems come first, as they would have when submitting.
      check = withTemplateRules(check, reportTemplateOf(ctx.cycle), ctx.task.groupKey);
      if (check.problems.length) return formWith(check.problems, check.draftPathOf);
      return this.renderCheck(page, res, 409, ctx, draft.content, check.content!, check.draftPathOf, draft.version, {
        text: t('checkAnswers.draftChanged'),
        warning: true,
      });
    }
    let submitted;
    try {
      submitted = await this.submissions.submitTo({ task: ctx.task, cycle: ctx.cycle }, check.content!, page.person!.actor);
    } catch (err) {
      const problems = problemsOf(err);
      if (problems) return formWith(problems, check.draftPathOf);
      if (err instanceof ConflictError) {
        return this.renderCheck(page, res, 409, ctx, draft.content, check.content!, check.draftPathOf, draft.version, {
          text: t('checkAnswers.closed'),
          warning: true,
        });
      }
      throw err;
    }
    await this.drafts.clear(submitted.task, draft.version, page.person!.actor);
    res.redirect(303, `/tasks/${id}/submitted?revision=${submitted.submission.revision}`);
  }

  @Get(':id/submitted')
  async submitted(@Page() page: PageState, @Param('id') id: string, @Query('revision') n: string | undefined, @Res() res: Response) {
    const ctx = await this.tasks.load(page.person!, id, 'write');
    const revision = ctx.revisions.find((r) => String(r.revision) === n) ?? ctx.revisions.at(-1);
    if (!revision) return res.redirect(303, `/tasks/${id}`);
    const compiled = ctx.cycle.milestoneState[ctx.task.milestoneKey]?.status === 'compiled';
    // A questionnaire round's confirmation speaks of answers (a city's self-evaluation), not of a report.
    const round = isQuestionnaireRound(ctx.cycle);
    res.render('pages/task-submitted', {
      title: page.i18n.t(round ? 'submitted.answersTitle' : 'submitted.title'),
      round,
      task: ctx.task,
      group: ctx.group,
      milestoneTitle: ctx.milestoneTitle,
      revision,
      compiled,
      // This report was the last one awaited: the compilation does not wait for its date.
      allIn: !compiled && (await this.access.awaitingInMilestone(ctx.task.cycleId, ctx.task.milestoneKey)) === 0,
      compileAt: ctx.milestone?.compileAt,
    });
  }

  /** Fills the draft from the latest revision or from last cycle's report, then opens the form. */
  @Post(':id/start-from')
  async startFrom(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!ctx.canWrite) return res.redirect(303, `/tasks/${id}`);
    const source = body.source === 'previous-cycle' ? 'previous-cycle' : 'revision';
    try {
      await this.drafts.startFrom(id, source, version(body.draftVersion), page.person!.actor);
    } catch (err) {
      if (err instanceof DraftChangedError) return res.redirect(303, `/tasks/${id}?notice=draft-changed`);
      throw err;
    }
    res.redirect(303, `/tasks/${id}/report`);
  }

  private caption(page: PageState, ctx: TaskContext): string {
    return page.i18n.t('task.title', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction });
  }

  /**
   * The form with the draft as typed and, when there are any, its problems: at the draft's paths
   * (its own bounds), or at the body's with the draft path each came from (the API's rules).
   */
  private renderForm(
    page: PageState,
    res: Response,
    status: number,
    ctx: TaskContext,
    o: { draft: ReportDraft | null; version: number; savedAt?: Date; problems?: FormProblem[]; draftPathOf?: DraftPathOf; notice?: FormNotice },
  ) {
    const t = page.i18n.t;
    const template = reportTemplateOf(ctx.cycle);
    const groupKey = ctx.task.groupKey;
    const form = reportForm(template, groupKey, o.draft ?? emptyDraft());
    res.status(status).render('pages/task-report', {
      title: t('reportForm.pageTitle', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction }),
      caption: this.caption(page, ctx),
      task: ctx.task,
      errors: form.model.errors(o.problems ?? [], t, o.draftPathOf),
      notice: o.notice,
      savedText: o.savedAt ? t('reportForm.lastSaved', { date: page.i18n.dateTime(o.savedAt) }) : t('reportForm.notSaved'),
      draftVersion: o.version,
      ...reportFormView(form, t),
      allowCustom: template.allowCustomIndicators,
      limits: {
        maxMeasures: maxRows('measures', template, groupKey),
        maxCustom: maxRows('custom', template, groupKey),
        maxItems: template.limits.maxItemsPerList,
        text: maxTextOf(template),
      },
      scripts: ['/assets/report-form.js'],
    });
  }

  private renderCheck(
    page: PageState,
    res: Response,
    status: number,
    ctx: TaskContext,
    draft: ReportDraft,
    content: SubmissionContent,
    draftPathOf: DraftPathOf,
    draftVersion: number,
    notice?: FormNotice,
  ) {
    // "Change" links go to the field each answer came from.
    const form = reportForm(reportTemplateOf(ctx.cycle), ctx.task.groupKey, draft);
    const normalised = normaliseContent(reportTemplateOf(ctx.cycle), ctx.task.groupKey, content);
    res.status(status).render('pages/task-check', {
      title: page.i18n.t('checkAnswers.pageTitle', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction }),
      caption: this.caption(page, ctx),
      task: ctx.task,
      content,
      indicators: normalised.indicators.map((i) => ({ ...i, name: i.name ?? i.key, unit: i.unit ?? '' })),
      fieldOf: (path: string) => form.model.fieldAt(draftPathOf(path)).name,
      draftVersion,
      nextRevision: ctx.task.latestRevision + 1,
      // A first submission after the due date is marked late (revisions keep the first one's mark).
      late: ctx.awaiting && isLate(this.clock.now(), ctx.task.dueAt),
      notice,
    });
  }
}
