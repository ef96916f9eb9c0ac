import { Body, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock, CLOCK, PlanPreview, previewSteps, LocalizedText } from '@pact/domain';
import { CycleService, NotFoundError, ProgrammeCatalog, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { FormProblem, problemsOf } from '../form-errors';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { CreateCycleDto, createCycleCommandOf } from '../../cycles/cycle.dto';
import { apiRuleProblems } from '../api-rules';
import { apiBodyOf, CycleForm, cycleErrors, cycleFormModel, cycleFormView, defaultCycleForm, readCycleForm } from './cycle-form';

const START_KEY = /^[A-Za-z0-9_-]{32}$/;

/**
 * The committee starts a cycle: the form (prefilled with the default plan), then "Preview" shows
 * every request, reminder, escalation and compilation date in the reader's time zone, and only
 * from that page "Start the cycle" creates it. Both steps are plain POSTs, so it all works
 * without JavaScript. Listed before the cycle pages so /cycles/new is not taken for a cycle id.
 */
@PageController('cycles/new')
@PageRoles('committee')
export class StartCyclePageController {
  constructor(
    private readonly cycles: CycleService,
    private readonly groups: WorkingGroupService,
    private readonly programmes: ProgrammeCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `?programme=` (from the cycles page): the programme whose cycle it starts, among those whose committee the person sits on. */
  @Get()
  async form(@Page() page: PageState, @Query('programme') asked: unknown, @Res() res: Response) {
    const programme = this.programmeFor(page, asked);
    const groups = await this.groups.activeIn(programme);
    this.renderForm(
      page,
      res,
      200,
      defaultCycleForm(
        this.clock.now(),
        groups.map((g) => g.key),
        this.cycles.programmeMilestones(programme),
        page.i18n.text,
        programme,
        this.cycles.programmeLengthMonths(programme),
      ),
      [],
      groups,
    );
  }

  /**
   * The programme asked for, when the person may start its cycles; else the first they may
   * (the Pact's for its committee). One they may not start is not offered: a 404 page, as for
   * anything of a programme they do not act in.
   */
  private programmeFor(page: PageState, asked: unknown): string {
    const mine = this.cycles.startableBy(page.person!);
    if (asked === undefined || asked === '')
      return mine.includes(this.cycles.reportProgramme()) ? this.cycles.reportProgramme() : (mine[0] ?? this.cycles.reportProgramme());
    if (typeof asked !== 'string' || !mine.includes(asked)) throw new NotFoundError(`no programme "${String(asked)}" whose cycles you start`);
    return asked;
  }

  /** action: "preview" (also the default, e.g. Enter in a field), "start" (from the preview page) or "change" (back to the form). */
  @Post()
  async submit(@Page() page: PageState, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const form = readCycleForm(body);
    form.programme = this.programmeFor(page, form.programme);
    const groups = await this.groups.activeIn(form.programme);
    if (body.action === 'change') return this.renderForm(page, res, 200, form, [], groups);

    // The API's rules first (the DTO POST /api/cycles validates), then the plan's.
    const apiBody = apiBodyOf(form);
    const apiProblems = await apiRuleProblems(CreateCycleDto, apiBody);
    if (apiProblems.length) return this.renderForm(page, res, 400, form, apiProblems, groups);
    // The API's mapping too: the body passed the DTO's rules, so it is a CreateCycleDto's shape.
    const cmd = createCycleCommandOf(apiBody as unknown as CreateCycleDto);
    const known = new Set(groups.map((g) => g.key));
    const unknownGroups = (cmd.groups ?? []).flatMap((k, i) => (known.has(k) ? [] : [{ path: `groups[${i}]`, message: `unknown working group "${k}"` }]));
    // The engine's plan of this command, its days on the programme's calendar: what starting it would store.
    const { preview, problems } = this.cycles.preview(cmd);
    if (problems.length || unknownGroups.length || !preview) return this.renderForm(page, res, 400, form, [...unknownGroups, ...problems], groups);

    if (body.action === 'start') {
      try {
        // The check page's key: a second press of "Start the cycle" (or a resent form) starts nothing new.
        const startKey = typeof body.startKey === 'string' && START_KEY.test(body.startKey) ? body.startKey : undefined;
        const cycle = await this.cycles.create(cmd, page.person!, { idempotencyKey: startKey });
        return res.redirect(303, `/cycles/${cycle.id}?started=1`);
      } catch (err) {
        // The same rules again, at the moment of starting (time has moved since the preview).
        const found = problemsOf(err);
        if (!found) throw err;
        return this.renderForm(page, res, 400, form, found, groups);
      }
    }
    this.renderPreview(page, res, form, preview, groups);
  }

  /** The form as typed, with each problem (the API's rules', the plan's, the engine's) beside its field. */
  private renderForm(
    page: PageState,
    res: Response,
    status: number,
    form: CycleForm,
    problems: FormProblem[],
    groups: { key: string; fieldOfAction: LocalizedText }[],
  ) {
    const t = page.i18n.t;
    const programme = this.programmes.known(form.programme || this.cycles.reportProgramme());
    const model = cycleFormModel(form, groups, this.cycles.programmeTimeZone(), programme.participantKind);
    res.status(status).render('pages/start-cycle', {
      title: t('startCycle.title'),
      programme: form.programme,
      programmeName: page.i18n.text(programme.name),
      cities: programme.participantKind === 'city',
      errors: cycleErrors(model, problems, page.i18n),
      ...cycleFormView(model, t),
      filledMilestones: form.milestones.length,
      filledLevels: form.levels.length,
    });
  }

  private renderPreview(page: PageState, res: Response, form: CycleForm, preview: PlanPreview, groups: { key: string; fieldOfAction: LocalizedText }[]) {
    const taking = groups.filter((g) => form.groups.includes(g.key));
    // A POST answered with a page: 200 (Nest would say 201).
    res.status(200).render('pages/start-cycle-check', {
      title: page.i18n.t('startCycle.checkTitle'),
      form,
      // One key per shown plan: starting it twice starts it once (CycleService.create).
      startKey: randomBytes(24).toString('base64url'),
      preview,
      groups: taking,
      allGroups: taking.length === groups.length,
      timeZone: page.i18n.timeZone,
      milestones: preview.milestones.map((m) => ({ ...m, steps: previewSteps(m), leftOut: m.reminders.filter((r) => !r.sent) })),
    });
  }
}
