import { isCommitteeOf } from '@pact/domain';
import { Body, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { DEFAULT_TIME_ZONE } from '@pact/domain';
import { ConflictError, IdentityService, WorkingGroupService } from '@pact/engine';
import type { Response } from 'express';
import { CreateUserDto, UpdateUserDto } from '../../users/user.dto';
import { apiRuleProblems } from '../api-rules';
import { FormError, formErrors, FormProblem, problemsOf } from '../form-errors';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { languageNames, messageLanguageOptions, timeZoneOptions } from './person-fields';

const ROLES = ['committee', 'chair', 'operator'] as const;
const USER_ID = /^[a-f0-9]{24}$/;

/** What the edit form holds: several roles may be ticked (a committee member may also chair a group). */
interface EditValues {
  name: string;
  roles: string[];
  groupKeys: string[];
  language: string;
  timeZone: string;
}

/** One checkbox sends a string, several an array, none nothing. */
function ticked(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x.trim() : '')).filter(Boolean);
}

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
  async list(@Page() page: PageState, @Query('added') added: unknown, @Query('changed') changed: unknown, @Res() res: Response) {
    const [users, groups] = await Promise.all([this.identity.listUsersFor(page.person!), this.groups.list()]);
    const groupName = new Map(groups.map((g) => [g.key, g.fieldOfAction]));
    const people = users.map((u) => ({ ...u, groups: u.groupKeys.map((k) => groupName.get(k) ?? k) })).sort((a, b) => a.name.localeCompare(b.name, page.lang));
    const addedPerson = typeof added === 'string' && USER_ID.test(added) ? people.find((p) => p.id === added) : undefined;
    const changedPerson = typeof changed === 'string' && USER_ID.test(changed) ? people.find((p) => p.id === changed) : undefined;
    res.render('pages/people', {
      title: page.i18n.t('people.title'),
      people,
      added: addedPerson ?? null,
      changed: changedPerson ?? null,
      me: page.person!.userId,
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
    const values: PersonValues = {
      name: s(body.name),
      email: s(body.email),
      role: s(body.role),
      groupKeys: keys,
      language: s(body.language),
      timeZone: s(body.timeZone),
    };
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
      id = (await this.identity.createUser(input as Parameters<IdentityService['createUser']>[0], page.person!.actor, page.person!)).id;
    } catch (err) {
      const found = err instanceof ConflictError ? [{ path: 'email', message: err.message, rule: 'taken' }] : problemsOf(err);
      if (!found) throw err;
      return this.renderForm(page, res, err instanceof ConflictError ? 409 : 400, values, formErrors(found, say, fieldOf));
    }
    res.redirect(303, `/people?added=${id}`);
  }

  /** The committee's edit form for a person (`IdentityService.updateUser`, the rules of PATCH /api/users/:id). */
  @Get(':id/edit')
  @PageRoles('committee')
  async editForm(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    const user = await this.person(id, page);
    const values: EditValues = {
      name: user.name,
      roles: user.roles,
      groupKeys: user.groupKeys,
      language: user.language ?? page.lang,
      timeZone: IdentityService.timeZoneOf(user),
    };
    await this.renderEdit(page, res, 200, user, values, []);
  }

  @Post(':id/edit')
  @PageRoles('committee')
  async edit(@Page() page: PageState, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const user = await this.person(id, page);
    const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const values: EditValues = {
      name: s(body.name),
      roles: ticked(body.roles),
      groupKeys: ticked(body.groupKeys),
      language: s(body.language),
      timeZone: s(body.timeZone),
    };
    const t = page.i18n.t;
    const fieldOf = (path: string) =>
      path.startsWith('roles') ? 'roles' : path.startsWith('groupKeys') ? 'groupKeys' : ['name', 'language', 'timeZone'].includes(path) ? path : 'name';
    const say = (p: FormProblem, field: string) => {
      if (p.rule === 'last-committee') return t('people.error.lastCommittee');
      if (p.rule === 'changed') return t('people.error.changedMeanwhile');
      if (field === 'groupKeys') {
        if (p.message.includes('named chair')) return t('people.error.namedChair');
        return t(values.roles.includes('chair') ? 'people.error.groupsForChair' : 'people.error.groupsOnlyChairs');
      }
      if (field === 'roles') return t('people.error.roles');
      return t(`people.error.${field}`);
    };
    const input = { name: values.name, roles: values.roles, groupKeys: values.groupKeys, language: values.language, timeZone: values.timeZone };
    const problems = await apiRuleProblems(UpdateUserDto, input);
    if (problems.length) return this.renderEdit(page, res, 400, user, values, formErrors(problems, say, fieldOf));
    try {
      await this.identity.updateUser(id, input as Parameters<IdentityService['updateUser']>[1], page.person!.actor, page.person!);
    } catch (err) {
      const conflict =
        err instanceof ConflictError
          ? [
              {
                path: err.message.includes('last active committee member') ? 'roles' : 'name',
                message: err.message,
                rule: err.message.includes('last active') ? 'last-committee' : 'changed',
              },
            ]
          : null;
      const found = conflict ?? problemsOf(err);
      if (!found) throw err;
      // Changed meanwhile: the form shows the person as they are now, with the error.
      const now = conflict?.[0].rule === 'changed' ? await this.person(id, page) : user;
      return this.renderEdit(page, res, conflict ? 409 : 400, now, values, formErrors(found, say, fieldOf));
    }
    res.redirect(303, `/people?changed=${id}`);
  }

  /** Asks the committee to confirm disabling a person (a form: works without JavaScript). */
  @Get(':id/disable')
  @PageRoles('committee')
  async confirmDisable(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    this.renderAccess(page, res, 200, await this.person(id, page), 'disable', null);
  }

  @Post(':id/disable')
  @PageRoles('committee')
  disable(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    return this.setAccess(page, id, 'disable', res);
  }

  @Get(':id/enable')
  @PageRoles('committee')
  async confirmEnable(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    this.renderAccess(page, res, 200, await this.person(id, page), 'enable', null);
  }

  @Post(':id/enable')
  @PageRoles('committee')
  enable(@Page() page: PageState, @Param('id') id: string, @Res() res: Response) {
    return this.setAccess(page, id, 'enable', res);
  }

  private async setAccess(page: PageState, id: string, action: 'disable' | 'enable', res: Response) {
    const user = await this.person(id, page);
    try {
      if (action === 'disable') await this.identity.disableUser(id, page.person!);
      else await this.identity.getUserFor(page.person!, id).then(() => this.identity.enableUser(id, page.person!.actor));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const t = page.i18n.t;
      return this.renderAccess(
        page,
        res,
        409,
        user,
        action,
        err.message.includes('yourself') ? t('people.error.disableSelf') : t('people.error.lastCommittee'),
      );
    }
    res.redirect(303, `/people?changed=${id}`);
  }

  /** A person by id, or the page's 404. */
  private async person(id: string, page: PageState) {
    if (!USER_ID.test(id)) throw new NotFoundException();
    // Another programme's people are not found.
    return this.identity.getUserFor(page.person!, id);
  }

  private renderAccess(
    page: PageState,
    res: Response,
    status: number,
    user: { id: string; name: string; email: string },
    action: 'disable' | 'enable',
    error: string | null,
  ) {
    const t = page.i18n.t;
    res.status(status).render('pages/person-access', {
      title: t(`people.${action}.title`, { name: user.name }),
      person: user,
      action,
      // Beside the button and in the summary, as every form's errors.
      errors: error ? [{ field: 'confirm', message: error }] : [],
    });
  }

  private async renderEdit(
    page: PageState,
    res: Response,
    status: number,
    user: { id: string; name: string; email: string },
    values: EditValues,
    errors: FormError[],
  ) {
    const t = page.i18n.t;
    const groups = (await this.groups.list())
      .filter((g) => isCommitteeOf(page.person!, g.programme))
      .sort((a, b) => page.i18n.text(a.fieldOfAction).localeCompare(page.i18n.text(b.fieldOfAction), page.lang));
    const named = groups.filter((g) => g.chair.email.toLowerCase() === user.email.toLowerCase());
    res.status(status).render('pages/person-edit', {
      title: t('people.editTitle', { name: user.name }),
      person: user,
      values,
      errors,
      namedChairOf: named.map((g) => ({ key: g.key, name: g.fieldOfAction })),
      roleOptions: ROLES.map((r) => ({ value: r, label: t(`people.role.${r}`), checked: values.roles.includes(r) })),
      groupOptions: groups.map((g) => ({ value: g.key, label: g.fieldOfAction, checked: values.groupKeys.includes(g.key) })),
      languageOptions: messageLanguageOptions(page),
      timeZoneOptions: timeZoneOptions(),
    });
  }

  private async renderForm(page: PageState, res: Response, status: number, values: PersonValues, errors: FormError[]) {
    const t = page.i18n.t;
    const groups = (await this.groups.list())
      .filter((g) => isCommitteeOf(page.person!, g.programme))
      .sort((a, b) => page.i18n.text(a.fieldOfAction).localeCompare(page.i18n.text(b.fieldOfAction), page.lang));
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
