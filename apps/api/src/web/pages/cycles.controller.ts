import { Get, Param, Query, Res } from '@nestjs/common';
import { CYCLE_STATUSES, CycleStatus } from '@pact/domain';
import { CycleProgressQuery, CycleService, ProgressMatrix, seesAllGroups } from '@pact/engine';
import type { Response } from 'express';
import { Page, PageController } from '../page.decorators';
import type { PageState } from '../page-state';

/** How many groups the notice after starting names before it says "and N more". */
const NAMED_GROUPS = 5;

/**
 * The notice after "Start the cycle": what happened (the first milestone's requests went out, to
 * whom) or what will (they are being sent; they go out on a date), read from the requests that
 * exist now, never both.
 */
function startedNotice(matrix: ProgressMatrix, page: PageState): string {
  const { t, date } = page.i18n;
  const first = matrix.milestones.reduce((a, m) => (m.requestAt < a.requestAt ? m : a));
  if (first.progress.requested > 0) {
    const column = matrix.milestones.indexOf(first);
    const asked = matrix.rows
      .filter((r) => r.cells[column])
      .map((r) => page.i18n.text(r.fieldOfAction))
      .sort((a, b) => a.localeCompare(b, page.lang));
    const named = asked.slice(0, NAMED_GROUPS).join(', ');
    const groups = asked.length > NAMED_GROUPS ? t('cycle.started.more', { groups: named, count: asked.length - NAMED_GROUPS }) : named;
    return t('cycle.started.sent', { milestone: first.title, count: first.progress.requested, groups });
  }
  if (first.requestAt.getTime() <= matrix.now.getTime()) return t('cycle.started.sending', { milestone: first.title });
  return t('cycle.started.later', { milestone: first.title, date: date(first.requestAt) });
}

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
  ) {}

  @Get()
  async list(@Page() page: PageState, @Query('status') status: unknown, @Res() res: Response) {
    const t = page.i18n.t;
    const chosen = typeof status === 'string' && status !== '' ? status : undefined;
    const statusOptions = [{ value: '', label: t('cycles.allStates') }, ...CYCLE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))];
    const isCommittee = page.person!.roles.includes('committee');
    if (chosen !== undefined && !(CYCLE_STATUSES as readonly string[]).includes(chosen)) {
      return res.status(400).render('pages/cycles', {
        title: t('cycles.title'),
        cycles: [],
        glance: new Map(),
        status: chosen,
        statusOptions,
        isCommittee,
        errors: [{ field: 'status', message: t('cycles.chooseStatus') }],
      });
    }
    const cycles = await this.cycles.list(chosen as CycleStatus | undefined, 100, 0);
    res.render('pages/cycles', {
      title: t('cycles.title'),
      cycles,
      glance: await this.progress.glance(cycles),
      status: chosen ?? '',
      statusOptions,
      isCommittee,
    });
  }

  @Get(':id')
  async show(@Page() page: PageState, @Param('id') id: string, @Query('started') started: unknown, @Res() res: Response) {
    const person = page.person!;
    const found = await this.progress.matrix(id, seesAllGroups(person) ? {} : { visibleGroups: person.groupKeys });
    // Rows by the group's name as this reader reads it.
    const matrix = {
      ...found,
      rows: [...found.rows].sort((a, b) => page.i18n.text(a.fieldOfAction).localeCompare(page.i18n.text(b.fieldOfAction), page.lang)),
    };
    res.render('pages/cycle', {
      title: matrix.cycle.name,
      cycle: matrix.cycle,
      matrix,
      startedNotice: started === '1' ? startedNotice(matrix, page) : null,
      isCommittee: person.roles.includes('committee'),
      seesAll: seesAllGroups(person),
    });
  }
}
