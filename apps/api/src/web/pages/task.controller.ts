import { Body, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CalendarDay, calendarDayOf, calendarDaysUntil, CLOCK, Clock, isQuestionnaireRound, localDateTime, REASON_LENGTH } from '@pact/domain';
import { ConflictError, DraftService, ExtensionRequestService, InvalidError } from '@pact/engine';
import type { Response } from 'express';
import { FormError, formErrors, FormProblem, sayCharacterProblem } from '../form-errors';
import { Page, PageController } from '../page.decorators';
import type { PageState } from '../page-state';
import { TaskContext, TaskContextLoader } from './task-context';
import { revisionHistory } from './task-view';

/** Notices a redirect to the task page may ask for (?notice=…): a fixed list, never text from the URL. */
const NOTICES = ['extension-requested', 'draft-changed'] as const;

/**
 * A task as its page: what is asked (cycle, milestone, field of action and its goal), by when
 * (in the reader's time zone, with extensions and requests for more time), the chair's report
 * (draft, start from an earlier report) and every revision with what changed. Also the chair's
 * form to ask for more time. Another group's task is a 404, as in the API; links in e-mails open
 * this page.
 */
@PageController('tasks')
export class TaskPageController {
  constructor(
    private readonly tasks: TaskContextLoader,
    private readonly drafts: DraftService,
    private readonly extensionRequests: ExtensionRequestService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id')
  async show(@Page() page: PageState, @Param('id') id: string, @Query('notice') notice: string | undefined, @Res() res: Response) {
    const t = page.i18n.t;
    const ctx = await this.tasks.load(page.person!, id, 'read');
    const [draft, sources] = ctx.canWrite ? await Promise.all([this.drafts.get(id), this.drafts.sources(id)]) : [null, {}];
    // A questionnaire round (a Charter city's self-evaluation) is answered on its own form; its draft holds answers.
    const round = isQuestionnaireRound(ctx.cycle);
    const history = revisionHistory(ctx.revisions, ctx.cycle.questionnaire).map((r) => ({
      ...r,
      changedAnswers: r.changedAnswers?.map((label) => page.i18n.text(label)) ?? null,
    }));
    const hasDraft = !!(draft?.content || draft?.answers);
    const origin = hasDraft ? draft!.startedFrom : undefined;
    res.render('pages/task', {
      title: t('task.title', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction }),
      notice: (NOTICES as readonly string[]).includes(notice ?? '') ? t(`task.notice.${notice}`) : undefined,
      ...this.common(ctx),
      daysLeft: calendarDaysUntil(this.clock.now(), ctx.task.dueAt, page.i18n.timeZone),
      requests: [...(ctx.task.extensionRequests ?? [])].reverse(),
      canAskForMore: this.canAskForMore(ctx),
      // The committee decides on its console's page of the cycle's requests.
      canDecide: !!ctx.task.pendingExtensionRequestId && ctx.awaiting && page.person!.roles.includes('committee'),
      isChair: ctx.isChair,
      canWrite: ctx.canWrite,
      round,
      formPath: `/tasks/${id}/${round ? 'answers' : 'report'}`,
      draft: hasDraft ? draft : null,
      draftVersion: draft?.version ?? 0,
      draftOrigin: origin
        ? origin.kind === 'revision'
          ? t('task.draftFromRevision', { n: origin.revision })
          : t('task.draftFromPrevious', { milestone: origin.milestoneTitle, cycle: origin.cycleName })
        : undefined,
      sources,
      history,
    });
  }

  @Get(':id/extension')
  async extensionForm(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!this.canAskForMore(ctx)) return res.redirect(303, `/tasks/${id}`);
    this.renderExtension(page, res, 200, ctx, { day: '', month: '', year: '', reason: '' }, []);
  }

  @Post(':id/extension')
  async askForMore(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const ctx = await this.tasks.load(page.person!, id, 'write');
    if (!this.canAskForMore(ctx)) return res.redirect(303, `/tasks/${id}`);
    const text = (v: unknown) => (typeof v === 'string' ? v : '').trim();
    const values = {
      day: text(body['proposedDueAt-day']),
      month: text(body['proposedDueAt-month']),
      year: text(body['proposedDueAt-year']),
      reason: typeof body.reason === 'string' ? body.reason : '',
    };
    const errors: FormError[] = [];
    let proposed: CalendarDay | null = null;
    if (!values.day && !values.month && !values.year) errors.push({ field: 'proposedDueAt-day', message: t('extensionForm.error.dateMissing') });
    else {
      // A day: the engine makes it the end of that day on the chair's clock (as a grant would).
      const two = (s: string) => (/^\d{1,2}$/.test(s) ? s.padStart(2, '0') : 'x');
      proposed = calendarDayOf(`${/^\d{4}$/.test(values.year) ? values.year : 'x'}-${two(values.month)}-${two(values.day)}`);
      if (!proposed) errors.push({ field: 'proposedDueAt-day', message: t('extensionForm.error.dateInvalid', { example: this.example(ctx, page) }) });
    }
    if (errors.length) return this.renderExtension(page, res, 400, ctx, values, errors);
    try {
      await this.extensionRequests.request(id, proposed!, values.reason, page.person!.actor);
    } catch (err) {
      if (err instanceof InvalidError)
        return this.renderExtension(
          page,
          res,
          400,
          ctx,
          values,
          formErrors(
            err.problems,
            (p) => this.sayRequestProblem(p, page),
            (path) => (path === 'reason' ? 'reason' : 'proposedDueAt-day'),
          ),
        );
      // Another request is pending, or the task changed meanwhile: the task page says where it stands.
      if (err instanceof ConflictError) return res.redirect(303, `/tasks/${id}#extension-requests`);
      throw err;
    }
    res.redirect(303, `/tasks/${id}?notice=extension-requested#extension-requests`);
  }

  private canAskForMore(ctx: TaskContext): boolean {
    return ctx.isChair && ctx.awaiting && !ctx.task.pendingExtensionRequestId && (ctx.cycle.status === 'running' || ctx.cycle.status === 'scheduled');
  }

  private common(ctx: TaskContext) {
    return {
      task: ctx.task,
      cycle: ctx.cycle,
      group: ctx.group,
      revisions: ctx.revisions,
      milestoneTitle: ctx.milestoneTitle,
      milestoneKind: ctx.milestone?.kind ?? 'final',
      compileAt: ctx.milestone?.compileAt,
      awaiting: ctx.awaiting,
    };
  }

  /** An example date for the hint: two weeks after the current due date, as the reader writes it. */
  private example(ctx: TaskContext, page: PageState): string {
    const d = localDateTime(new Date(ctx.task.dueAt.getTime() + 14 * 86_400_000), page.i18n.timeZone);
    return `${d.day} ${d.month} ${d.year}`;
  }

  private sayRequestProblem(p: FormProblem, page: PageState): string {
    const t = page.i18n.t;
    const date = p.params?.date instanceof Date ? page.i18n.date(p.params.date) : '';
    const characters = sayCharacterProblem(p, t);
    if (characters) return characters;
    switch (p.rule) {
      case 'date-not-after-due':
        return t('extensionForm.error.dateNotAfterDue', { date });
      case 'date-not-future':
        return t('extensionForm.error.dateNotFuture');
      case 'date-after-compilation':
        return t('extensionForm.error.dateAfterCompilation', { date });
      case 'reason-missing':
        return t('extensionForm.error.reasonMissing');
      case 'reason-too-short':
        return t('extensionForm.error.reasonTooShort', { min: REASON_LENGTH.min });
      case 'reason-too-long':
        return t('extensionForm.error.reasonTooLong', { max: REASON_LENGTH.max });
      default:
        return p.path === 'reason' ? t('extensionForm.error.reasonMissing') : t('extensionForm.error.dateInvalid', { example: '' });
    }
  }

  private renderExtension(page: PageState, res: Response, status: number, ctx: TaskContext, values: Record<string, string>, errors: FormError[]) {
    res.status(status).render('pages/task-extension', {
      title: page.i18n.t('extensionForm.pageTitle', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction }),
      caption: page.i18n.t('task.title', { milestone: ctx.milestoneTitle, group: ctx.group.fieldOfAction }),
      task: ctx.task,
      values,
      errors,
      example: this.example(ctx, page),
      latest: ctx.milestone?.compileAt,
      reasonLength: REASON_LENGTH,
    });
  }
}
