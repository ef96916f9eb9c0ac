import { Body, Get, Post, Res } from '@nestjs/common';
import { IdentityService } from '@pact/engine';
import type { Response } from 'express';
import { isLanguage, Language, LANGUAGES } from '@pact/domain';
import { FormError, formErrors, FormProblem, problemsOf } from '../form-errors';
import { safeNextPath } from '../next-target';
import { Page, PageController, SignedOutAllowed } from '../page.decorators';
import type { PageState } from '../page-state';
import { WebContext } from '../web-context';
import { timeZoneOptions } from './person-fields';
import { SETTINGS_MESSAGES, settingsForm, SettingsValues } from './settings-form';

/** Where each role starts: the chair's inbox, the committee's cycles, the operators' page. */
export const START_PAGES: Record<string, string> = { chair: '/my-tasks', committee: '/cycles', operator: '/operations' };

/** Home (sends each person to what they do), the language switch, and "your settings". */
@PageController()
export class HomeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly web: WebContext,
  ) {}

  @Get()
  @SignedOutAllowed()
  home(@Page() page: PageState, @Res() res: Response) {
    if (!page.person) return res.redirect(303, '/sign-in');
    const starts = page.person.roles.filter((r) => START_PAGES[r]);
    if (starts.length === 1) return res.redirect(303, START_PAGES[starts[0]]);
    res.render('pages/home', { title: page.i18n.t('home.title'), starts: starts.map((role) => ({ role, href: START_PAGES[role] })) });
  }

  /** The language switcher: remembered in a cookie, and as the person's choice when signed in. */
  @Post('language')
  @SignedOutAllowed()
  async language(@Page() page: PageState, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const lang = body.lang;
    const back = safeNextPath(body.next, { allowSignIn: true }) ?? '/';
    if (!isLanguage(lang)) return res.redirect(303, back);
    this.web.setLanguageCookie(res, lang);
    if (page.person) await this.identity.updatePreferences(page.person.userId, { language: lang, timeZone: page.person.timeZone }, page.person.actor);
    res.redirect(303, back);
  }

  @Get('settings')
  settings(@Page() page: PageState, @Res() res: Response) {
    const saved = (res.req.query as Record<string, unknown>).saved === '1';
    this.renderSettings(page, res, 200, { language: page.lang, timeZone: page.person!.timeZone }, [], saved);
  }

  @Post('settings')
  async saveSettings(@Page() page: PageState, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const t = page.i18n.t;
    const { values, problems } = settingsForm(body);
    // The same words whether this form's check or the engine's found the problem.
    const say = (p: FormProblem) => (SETTINGS_MESSAGES[p.path] ? t(SETTINGS_MESSAGES[p.path]) : p.message);
    if (problems.length) return this.renderSettings(page, res, 400, values, formErrors(problems, say), false);
    try {
      await this.identity.updatePreferences(page.person!.userId, values, page.person!.actor);
    } catch (err) {
      const found = problemsOf(err);
      if (!found) throw err;
      return this.renderSettings(page, res, 400, values, formErrors(found, say), false);
    }
    this.web.setLanguageCookie(res, values.language as Language);
    res.redirect(303, '/settings?saved=1');
  }

  private renderSettings(page: PageState, res: Response, status: number, values: SettingsValues, errors: FormError[], saved: boolean) {
    res.status(status).render('pages/settings', {
      title: page.i18n.t('settings.title'),
      values,
      errors,
      saved,
      languageOptions: LANGUAGES.map((l) => ({ value: l, label: page.i18n.in(l, `language.${l}`) })),
      timeZoneOptions: timeZoneOptions(),
    });
  }
}
