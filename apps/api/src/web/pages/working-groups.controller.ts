import { isCommitteeOf, seesAllGroups, seesProgramme } from '@pact/domain';
import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, LocalizedText, ObservedValue } from '@pact/domain';
import {
  ConflictError,
  NotFoundError,
  IdentityService,
  InboxQuery,
  IndicatorCatalog,
  ObservationService,
  ProgrammeCatalog,
  WorkingGroupService,
} from '@pact/engine';
import type { Response } from 'express';
import { AddWorkingGroupDto, UpdateWorkingGroupDto } from '../../working-groups/working-group.dto';
import { apiRuleProblems } from '../api-rules';
import { FormError, formErrors, problemsOf } from '../form-errors';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { languageNames, messageLanguageOptions, timeZoneOptions } from './person-fields';
import { trendChart } from './working-group-trends-view';
import { chairsWhoCanSignIn } from './working-groups-view';

const GROUP_KEY = /^[a-z][a-z0-9-]{0,62}$/;

/** What the "add a participant" form holds, as typed. */
interface ParticipantValues {
  key: string;
  name: string;
  goal: string;
  country: string;
  size: string;
  chairName: string;
  email: string;
  language: string;
  timeZone: string;
}
const EMPTY_PARTICIPANT: ParticipantValues = { key: '', name: '', goal: '', country: '', size: '', chairName: '', email: '', language: '', timeZone: '' };

interface ChairValues {
  name: string;
  email: string;
  language: string;
  timeZone: string;
}

/**
 * The working groups and their chairs (every role reads them, as in the API), and the
 * committee's "change the chair" form (WorkingGroupService.update, the API's rules), which says
 * beforehand who hears of it: nobody is e-mailed about the change itself; every later message
 * of the group goes to the new chair. Whether the chair can sign in (an account as chair of the
 * group with that address) is shown to those who may list users (committee, operators).
 */
@PageController('working-groups')
export class WorkingGroupPagesController {
  constructor(
    private readonly groups: WorkingGroupService,
    private readonly identity: IdentityService,
    private readonly inbox: InboxQuery,
    private readonly indicators: IndicatorCatalog,
    private readonly observations: ObservationService,
    private readonly programmes: ProgrammeCatalog,
  ) {}

  /** For each group key, whether its chair's address has an account as chair of that group. */
  private async signInByGroup(page: PageState): Promise<Map<string, boolean> | null> {
    const person = page.person!;
    // Chairs' accounts: only for the groups of programmes whose every group the reader sees.
    const groups = (await this.groups.listFor(person)).filter((g) => seesAllGroups(person, g.programme));
    if (!groups.length) return null;
    return chairsWhoCanSignIn(await this.identity.listUsers(), groups as Parameters<typeof chairsWhoCanSignIn>[1]);
  }

  /**
   * One programme's participants at a time (`?programme=`, default the reader's first): the
   * Pact's working groups and chairs, the Charter's cities and coordinators; the programmes the
   * reader takes part in (operators: all) are offered above the list.
   */
  @Get()
  async list(
    @Page() page: PageState,
    @Query('changed') changed: unknown,
    @Query('retired') retired: unknown,
    @Query('added') added: unknown,
    @Query('programme') asked: unknown,
    @Res() res: Response,
  ) {
    const person = page.person!;
    const offered = this.programmes.list().filter((p) => seesProgramme(person, p.key));
    const programme = offered.find((p) => p.key === asked) ?? offered[0];
    if (!programme) throw new NotFoundError('you take part in no programme');
    const groups = (await this.groups.listFor(person, programme.key)).sort((a, b) =>
      page.i18n.text(a.fieldOfAction).localeCompare(page.i18n.text(b.fieldOfAction), page.lang),
    );
    const signIn = await this.signInByGroup(page);
    const changedGroup = typeof changed === 'string' && GROUP_KEY.test(changed) ? groups.find((g) => g.key === changed) : undefined;
    const notice = changedGroup
      ? {
          group: changedGroup,
          canSignIn: signIn?.get(changedGroup.key) ?? null,
          openRequests: (await this.inbox.list([changedGroup.key], { limit: 1000 })).length,
        }
      : null;
    const retiredGroup = typeof retired === 'string' && GROUP_KEY.test(retired) ? groups.find((g) => g.key === retired && g.retiredAt) : undefined;
    res.render('pages/working-groups', {
      title: page.i18n.t('workingGroups.title'),
      groups,
      signIn,
      notice,
      retiredNotice: retiredGroup ?? null,
      addedNotice: (typeof added === 'string' && GROUP_KEY.test(added) ? groups.find((g) => g.key === added) : undefined) ?? null,
      programme,
      programmes: offered.length > 1 ? offered.map((p) => ({ key: p.key, name: p.name, current: p.key === programme.key })) : [],
      // The committee of this programme changes its participants; another programme's committee only reads them.
      isCommittee: isCommitteeOf(person, programme.key),
      languageName: languageNames(page),
      // Whose indicators over time this person may read (the trends page's own rule).
      readsTrends: (key: string) => {
        const g = groups.find((x) => x.key === key);
        return !!g && (seesAllGroups(page.person!, g.programme) || page.person!.groupKeys.includes(key));
      },
    });
  }

  /**
   * The group's indicators over time: per catalogue indicator of the group, a small line chart
   * (inline SVG, its text alternative naming the first and latest value) and the same values as
   * a table. Read as the API reads series (ObservationService.seriesFor): the committee and
   * operators any group's, a chair their own (another's: not found).
   */
  @Get(':key/trends')
  async trends(@Page() page: PageState, @Param('key') key: string, @Res() res: Response) {
    const person = page.person!;
    if (!GROUP_KEY.test(key)) throw new NotFoundError(`no working group ${key} that you may read`);
    // Another programme's group is not found (getFor); within it, a chair reads their own group's only.
    const group = await this.groups.getFor(person, key);
    if (!(seesAllGroups(person, group.programme) || person.groupKeys.includes(key))) throw new NotFoundError(`no working group ${key} that you may read`);
    const codes = (this.indicators.of(group.programme)?.indicators ?? []).filter((i) => i.code.startsWith(`${key}.`)).map((i) => i.code);
    const i18n = page.i18n;
    const label = (v: ObservedValue) => (v.period.year !== undefined ? String(v.period.year) : i18n.date(v.period.at));
    const trends = await Promise.all(
      codes.map(async (code) => {
        const series = await this.observations.seriesFor(person, group.programme, code, key);
        return { indicator: i18n.texts(series.indicator), chart: trendChart(series.values, label) };
      }),
    );
    res.render('pages/working-group-trends', { title: i18n.t('trends.title', { group: group.fieldOfAction }), group, trends });
  }

  /**
   * The committee adds a participant (a city that signs the Charter, a new working group):
   * `?programme=` among the programmes whose committee the person sits on (another is the 404
   * page). The API's rules (AddWorkingGroupDto), then the engine's; each problem beside its
   * field. Its chair or coordinator gets an account and a welcome (the engine's follow-up).
   * Declared before `:key`, so "new" is not taken for a participant's key.
   */
  @Get('new')
  @PageRoles('committee')
  async newForm(@Page() page: PageState, @Query('programme') asked: unknown, @Res() res: Response) {
    const programme = this.programmeToAddTo(page, asked);
    this.renderNew(page, res, 200, programme, { ...EMPTY_PARTICIPANT, language: page.lang, timeZone: DEFAULT_TIME_ZONE }, []);
  }

  @Post('new')
  @PageRoles('committee')
  async add(@Page() page: PageState, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const programme = this.programmeToAddTo(page, body.programme);
    const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const values: ParticipantValues = Object.fromEntries(Object.keys(EMPTY_PARTICIPANT).map((k) => [k, s(body[k])])) as unknown as ParticipantValues;
    const t = page.i18n.t;
    const fieldOf = (path: string) =>
      ({ 'chair.name': 'chairName', 'chair.email': 'email', 'chair.language': 'language', 'chair.timeZone': 'timeZone' })[path] ?? path;
    const say = (_p: unknown, field: string) => t(`workingGroups.addError.${field}`);
    const input = {
      key: values.key,
      programme: programme.key,
      name: values.name,
      ...(values.goal ? { goal: values.goal } : {}),
      ...(values.country ? { country: values.country.toUpperCase() } : {}),
      ...(values.size ? { size: values.size } : {}),
      chair: { name: values.chairName, email: values.email, language: values.language, ...(values.timeZone ? { timeZone: values.timeZone } : {}) },
    };
    const problems = await apiRuleProblems(AddWorkingGroupDto, input);
    if (problems.length) return this.renderNew(page, res, 400, programme, values, formErrors(problems, say, fieldOf));
    try {
      await this.groups.add(input as Parameters<WorkingGroupService['add']>[0], page.person!);
    } catch (err) {
      if (err instanceof ConflictError)
        return this.renderNew(page, res, 409, programme, values, [{ field: 'key', message: t('workingGroups.addError.taken') }]);
      const found = problemsOf(err);
      if (!found) throw err;
      return this.renderNew(page, res, 400, programme, values, formErrors(found, say, fieldOf));
    }
    res.redirect(303, `/working-groups?programme=${encodeURIComponent(programme.key)}&added=${encodeURIComponent(values.key)}`);
  }

  /** The programme a participant is added to: one whose committee the person sits on (the first of theirs when none is asked). */
  private programmeToAddTo(page: PageState, asked: unknown) {
    const mine = this.programmes.list().filter((p) => isCommitteeOf(page.person!, p.key));
    const chosen = asked === undefined || asked === '' ? mine[0] : mine.find((p) => p.key === asked);
    if (!chosen) throw new NotFoundError(`no programme "${String(asked)}" you add participants to`);
    return chosen;
  }

  private renderNew(
    page: PageState,
    res: Response,
    status: number,
    programme: { key: string; name: LocalizedText; participantKind: string },
    values: ParticipantValues,
    errors: FormError[],
  ) {
    const kind = programme.participantKind;
    res.status(status).render('pages/add-participant', {
      title: page.i18n.t(`workingGroups.addTitle.${kind}`),
      programme: { key: programme.key, name: page.i18n.text(programme.name) },
      cities: kind === 'city',
      kind,
      values,
      errors,
      languageOptions: messageLanguageOptions(page),
      timeZoneOptions: timeZoneOptions(),
    });
  }

  @Get(':key')
  @PageRoles('committee')
  async form(@Page() page: PageState, @Param('key') key: string, @Res() res: Response) {
    const group = await this.groups.getToDecide(page.person!, key);
    await this.renderForm(page, res, 200, group, { ...group.chair, timeZone: group.chair.timeZone ?? DEFAULT_TIME_ZONE }, []);
  }

  @Post(':key')
  @PageRoles('committee')
  async save(@Page() page: PageState, @Param('key') key: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const group = await this.groups.getToDecide(page.person!, key);
    const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const values: ChairValues = { name: s(body.name), email: s(body.email), language: s(body.language), timeZone: s(body.timeZone) };
    const t = page.i18n.t;
    const fieldOf = (path: string) =>
      ({ 'chair.name': 'name', 'chair.email': 'email', 'chair.language': 'language', 'chair.timeZone': 'timeZone' })[path] ?? 'name';
    const say = (_p: unknown, field: string) => t(`workingGroups.error.${field}`);
    const chair = { name: values.name, email: values.email, language: values.language, ...(values.timeZone ? { timeZone: values.timeZone } : {}) };
    const problems = await apiRuleProblems(UpdateWorkingGroupDto, { chair });
    if (problems.length) return this.renderForm(page, res, 400, group, values, formErrors(problems, say, fieldOf));
    // The form names the chair it replaces: if another committee member changed the chair since
    // this form was shown, nothing is changed (the engine guards the moment itself the same way).
    const replacing = s(body.replacing);
    if (replacing && replacing.toLowerCase() !== group.chair.email.toLowerCase()) {
      return this.renderForm(page, res, 409, group, values, [
        { field: 'name', message: t('workingGroups.error.changedMeanwhile', { name: group.chair.name, email: group.chair.email }) },
      ]);
    }
    try {
      await this.groups.update(key, { chair: chair as Parameters<WorkingGroupService['update']>[1]['chair'] }, page.person!);
    } catch (err) {
      if (err instanceof ConflictError) {
        const now = await this.groups.get(key);
        return this.renderForm(page, res, 409, now, values, [
          { field: 'name', message: t('workingGroups.error.changedMeanwhile', { name: now.chair.name, email: now.chair.email }) },
        ]);
      }
      const found = problemsOf(err);
      if (!found) throw err;
      return this.renderForm(page, res, 400, group, values, formErrors(found, say, fieldOf));
    }
    res.redirect(303, `/working-groups?changed=${encodeURIComponent(key)}`);
  }

  /** The committee retires a participant (a group merged, a city left): new cycles leave it out, past ones keep it. */
  @Post(':key/retire')
  @PageRoles('committee')
  async retire(@Page() page: PageState, @Param('key') key: string, @Res() res: Response) {
    const group = await this.groups.getToDecide(page.person!, key);
    try {
      await this.groups.retire(key, page.person!);
    } catch (err) {
      // Retired meanwhile by someone else: it is retired, which is what was asked.
      if (!(err instanceof ConflictError)) throw err;
    }
    res.redirect(303, `/working-groups?programme=${encodeURIComponent(group.programme)}&retired=${encodeURIComponent(key)}`);
  }

  private async renderForm(
    page: PageState,
    res: Response,
    status: number,
    group: { key: string; programme: string; fieldOfAction: LocalizedText; chair: { name: string; email: string }; retiredAt?: Date },
    values: ChairValues,
    errors: FormError[],
  ) {
    const openRequests = (await this.inbox.list([group.key], { limit: 1000 })).length;
    res.status(status).render('pages/working-group', {
      title: page.i18n.t('workingGroups.changeTitle', { group: group.fieldOfAction }),
      group,
      values,
      errors,
      openRequests,
      languageOptions: messageLanguageOptions(page),
      timeZoneOptions: timeZoneOptions(),
    });
  }
}
