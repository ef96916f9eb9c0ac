import { Body, Get, Post, Query, Res } from '@nestjs/common';
import { DEFAULT_TIME_ZONE } from '@pact/domain';
import { ConflictError, IdentityService, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { CreateUserDto } from '../../users/user.dto';
import { apiRuleProblems } from '../api-rules';
import { FormError, formErrors, FormProblem, problemsOf } from '../form-errors';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { languageNames, messageLanguageOptions, timeZoneOptions } from './person-fields';

const ROLES = ['committee', 'chair', 'operator'] as const;
const USER_ID = /^[a-f0-9]{24}$/;

interface PersonValues {
  name: string;
  email: string;
  role: string;
  groupKeys: string[];
  language: string;
  timeZone: string;
}

/**
 * The people who may sign in (committee and operators read it, as `GET /api/users`) and the
 * committee's "add a person" form (`IdentityService.createUser`, the API's rules), for the
 * committee's fellow members and operators; chairs get their accounts when the committee names
 * them on the working-group page, but a second person acting for a group is added here.
 */
@PageController('people')
@PageRoles('committee', 'operator')
export class PeoplePagesController {
  constructor(
    private readonly identity: IdentityService,
    private readonly groups: WorkingGroupService,
  ) {}

  @Get()
  async list(@Page() page: PageState, @Query('added') added: unknown, @Res() res: Response) {
    const [users, groups] = await Promise.all([this.identity.listUsers(), this.groups.list()]);
    const groupName = new Map(groups.map((g) => [g.key, g.fieldOfAction]));
    const people = users
      .map((u) => ({ ...u, groups: u.groupKeys.map((k) => groupName.get(k) ?? k) }))
      .sort((a, b) => a.name.localeCompare(b.name, page.lang));
    const addedPerson = typeof added === 'string' && USER_ID.test(added) ? people.find((p) => p.id === added) : undefined;
    res.render('pages/people', {
      title: page.i18n.t('people.title'),
      people,
      added: addedPerson ?? null,
      isCommittee: page.person!.roles.includes('committee'),
      languageName: languageNames(page),
      defaultTimeZone: DEFAULT_TIME_ZONE,
    });
  }

  @Get('new')
  @PageRoles('committee')
  async form(@Page() page: PageState, @Res() res: Response) {
    await this.renderForm(page, res, 200, { name: '', email: '', role: '', groupKeys: [], language: page.lang, timeZone: DEFAULT_TIME_ZONE }, []);
  }

  @Post('new')
  @PageRoles('committee')
  async add(@Page() page: PageState, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    // One checkbox sends a string, several an array, none nothing.
    const keys = (Array.isArray(body.groupKeys) ? body.groupKeys : body.groupKeys === undefined ? [] : [body.groupKeys]).map(s).filter(Boolean);
    const values: PersonValues = { name: s(body.name), email: s(body.email), role: s(body.role), groupKeys: keys, language: s(body.language), timeZone: s(body.timeZone) };
    const t = page.i18n.t;
    const fieldOf = (path: string) => (path.startsWith('roles') ? 'role' : path.startsWith('groupKeys') ? 'groupKeys' : path);
    const say = (p: FormProblem, field: string) => {
      if (field === 'groupKeys') return t(values.role === 'chair' ? 'people.error.groupsForChair' : 'people.error.groupsOnlyChairs');
      if (field === 'email' && p.rule === 'taken') return t('people.error.emailTaken', { email: values.email });
      return t(`people.error.${['name', 'email', 'role', 'language', 'timeZone'].includes(field) ? field : 'name'}`);
    };
    const input = {
      name: values.name,
      email: values.email,
      roles: values.role ? [values.role] : [],
      ...(values.groupKeys.length ? { groupKeys: values.groupKeys } : {}),
      language: values.language,
      timeZone: values.timeZone,
    };
    const problems = await apiRuleProblems(CreateUserDto, input);
    if (problems.length) return this.renderForm(page, res, 400, values, formErrors(problems, say, fieldOf));
    let id: string;
    try {
      id = (await this.identity.createUser(input as Parameters<IdentityService['createUser']>[0], page.person!.actor)).id;
    } catch (err) {
      const found = err instanceof ConflictError ? [{ path: 'email', message: err.message, rule: 'taken' }] : problemsOf(err);
      if (!found) throw err;
      return this.renderForm(page, res, err instanceof ConflictError ? 409 : 400, values, formErrors(found, say, fieldOf));
    }
    res.redirect(303, `/people?added=${id}`);
  }


  private async renderForm(page: PageState, res: Response, status: number, values: PersonValues, errors: FormError[]) {
    const t = page.i18n.t;
    const groups = (await this.groups.list()).sort((a, b) => page.i18n.text(a.fieldOfAction).localeCompare(page.i18n.text(b.fieldOfAction), page.lang));
    res.status(status).render('pages/person-new', {
      title: t('people.addTitle'),
      values,
      errors,
      roleOptions: ROLES.map((r) => ({ value: r, label: t(`people.role.${r}`), hint: t(`people.roleHint.${r}`) })),
      groupOptions: groups.map((g) => ({ value: g.key, label: g.fieldOfAction, checked: values.groupKeys.includes(g.key) })),
      languageOptions: messageLanguageOptions(page),
      timeZoneOptions: timeZoneOptions(),
    });
  }
}
