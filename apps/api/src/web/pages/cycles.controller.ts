import { Get, Param, Query, Res } from '@nestjs/common';
import { CYCLE_STATUSES, CycleStatus } from '@pact/domain';
import { CycleProgressQuery, CycleService, NotFoundError, ProgrammeCatalog } from '@pact/engine';
import { isCommitteeOf, seesAllGroups, seesProgramme } from '@pact/domain';
import type { Response } from 'express';
import { Page, PageController } from '../page.decorators';
import type { PageState } from '../page-state';
import { cycleView } from './cycle-view';

/**
 * The cycles as pages, readable by every role (as in the API). The list is the committee's start
 * page: each cycle's state, dates, progress at a glance and what comes next, filtered by state.
 * A cycle's page holds the progress matrix (working groups × milestones); a chair sees the rows
 * of their own groups only, as the API shows them only their own groups' tasks. Links in e-mails
 * ("the cycle") open these.
 */
@PageController('cycles')
export class CyclePagesController {
  constructor(
    private readonly cycles: CycleService,
    private readonly progress: CycleProgressQuery,
    private readonly programmes: ProgrammeCatalog,
  ) {}

  /**
   * The committee's console: one programme's cycles at a time (`?programme=`, default the
   * reader's first; the programmes they take part in are offered above), filtered by state.
   * Starting a cycle is offered to that programme's committee, where its cycles can be started.
   */
  @Get()
  async list(@Page() page: PageState, @Query('status') status: unknown, @Query('programme') asked: unknown, @Res() res: Response) {
    const t = page.i18n.t;
    const person = page.person!;
    const offered = this.programmes.list().filter((p) => seesProgramme(person, p.key));
    const programme = offered.find((p) => p.key === asked) ?? offered[0];
    if (!programme) throw new NotFoundError('you take part in no programme');
    const chosen = typeof status === 'string' && status !== '' ? status : undefined;
    const statusOptions = [{ value: '', label: t('cycles.allStates') }, ...CYCLE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))];
    const common = {
      title: t('cycles.title'),
      statusOptions,
      programme,
      programmes: offered.length > 1 ? offered.map((p) => ({ key: p.key, name: p.name, current: p.key === programme.key })) : [],
      isCommittee: isCommitteeOf(person, programme.key),
      canStart: this.cycles.startableBy(person).includes(programme.key),
      // The report programme's (the Pact's) start page is the default one; another programme's names itself.
      startHref: programme.key === this.cycles.reportProgramme() ? '/cycles/new' : `/cycles/new?programme=${encodeURIComponent(programme.key)}`,
    };
    if (chosen !== undefined && !(CYCLE_STATUSES as readonly string[]).includes(chosen)) {
      return res.status(400).render('pages/cycles', {
        ...common,
        cycles: [],
        glance: new Map(),
        status: chosen,
        errors: [{ field: 'status', message: t('cycles.chooseStatus') }],
      });
    }
    const cycles = await this.cycles.list(person, { status: chosen as CycleStatus | undefined, programme: programme.key }, 100, 0);
    res.render('pages/cycles', { ...common, cycles, glance: await this.progress.glance(cycles), status: chosen ?? '' });
  }

  @Get(':id')
  async show(@Page() page: PageState, @Param('id') id: string, @Query('started') started: unknown, @Res() res: Response) {
    const person = page.person!;
    // Another programme's cycle is not found; the committee of this one and operators see every group.
    const seesAll = seesAllGroups(person, (await this.cycles.getFor(person, id)).programme);
    const visible = seesAll ? {} : { visibleGroups: person.groupKeys };
    const matrix = await this.progress.matrix(id, visible);
    // A questionnaire round also shows its ratings so far: participants × commitments.
    const ratings = await this.progress.ratings(matrix.cycle, visible);
    const view = cycleView({ matrix, ratings, started, i18n: page.i18n, lang: page.lang });
    res.render('pages/cycle', {
      title: view.cycle.name,
      ...view,
      isCommittee: person.roles.includes('committee'),
      seesAll,
    });
  }
}
