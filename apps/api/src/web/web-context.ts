import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, FALLBACK_LANGUAGE, isLanguage, Language, LANGUAGES } from '@pact/domain';
import { EngineSettings, PACT_CONFIG, PactConfig, SessionService } from '@pact/engine';
import type { Request, Response } from 'express';
import { clearCookie, CookieNames, cookieNames, cookieOptions, parseCookies } from './cookies';
import { newNonce, signedFormToken, verifySessionToken, verifySignedFormToken } from './csrf';
import { PageCatalogs } from './i18n/page-catalogs';
import { Translator } from './i18n/translator';
import type { PageRequest, PageState } from './page-state';

export const PAGE_CATALOGS = Symbol('PAGE_CATALOGS');

/** A link in the navigation, shown to the roles named. */
interface NavItem {
  href: string;
  key: string;
  roles?: string[];
}

/**
 * The navigation by role. A page set adds its entry here (see docs/architecture.md, "Adding a page").
 */
export const NAVIGATION: NavItem[] = [
  { href: '/my-tasks', key: 'nav.myTasks', roles: ['chair'] },
  { href: '/cycles', key: 'nav.cycles', roles: ['committee'] },
  { href: '/working-groups', key: 'nav.workingGroups', roles: ['committee'] },
  { href: '/people', key: 'nav.people', roles: ['committee', 'operator'] },
  { href: '/operations', key: 'nav.operations', roles: ['operator'] },
  { href: '/settings', key: 'nav.settings' },
];

/**
 * Before any page (and any error page) runs: who is signed in (session cookie), which language
 * (their choice, else the language cookie, else Accept-Language), the time zone, the CSRF
 * token of this request's forms, and what every template gets (res.locals).
 */
@Injectable()
export class WebContext {
  readonly secure: boolean;
  readonly cookies: CookieNames;

  constructor(
    settings: EngineSettings,
    private readonly sessions: SessionService,
    @Inject(PAGE_CATALOGS) private readonly catalogs: PageCatalogs,
    @Inject(PACT_CONFIG) private readonly pact: PactConfig,
  ) {
    this.secure = settings.publicUrl.startsWith('https:');
    this.cookies = cookieNames(this.secure);
  }

  async load(req: PageRequest, res: Response): Promise<void> {
    const cookies = parseCookies(req.headers.cookie);
    const sessionCookie = cookies[this.cookies.session];
    const person = sessionCookie ? await this.sessions.authenticate(sessionCookie) : null;
    // An ended or expired session's cookie is dropped, so the browser stops sending it.
    if (sessionCookie && !person) clearCookie(res, this.cookies.session, this.secure);
    const lang = this.languageOf(req, person?.language, cookies[this.cookies.language]);
    let formNonce = cookies[this.cookies.form];
    let csrfToken: string;
    if (person) {
      csrfToken = person.csrfToken;
    } else {
      if (!formNonce || !/^[A-Za-z0-9_-]{24}$/.test(formNonce)) {
        formNonce = newNonce();
        res.cookie(this.cookies.form, formNonce, cookieOptions(this.secure));
      }
      csrfToken = signedFormToken(formNonce, await this.sessions.formSigningKey());
    }
    const state: PageState = {
      person,
      lang,
      i18n: new Translator(this.catalogs, lang, person?.timeZone ?? DEFAULT_TIME_ZONE, this.pact.languages.fallback),
      csrfToken,
      sessionCookie,
      formNonce,
    };
    req.page = state;
    this.setLocals(req, res, state);
    // Pages show personal data: never kept by a shared cache or the browser's back-forward cache.
    res.setHeader('Cache-Control', 'no-store');
  }

  /** The minimum an error page needs when the request failed before load() (a body too large). */
  fallback(req: PageRequest, res: Response): PageState {
    if (req.page) return req.page;
    const lang = this.languageOf(req, undefined, parseCookies(req.headers.cookie)[this.cookies.language]);
    const state: PageState = { person: null, lang, i18n: new Translator(this.catalogs, lang, DEFAULT_TIME_ZONE, this.pact.languages.fallback), csrfToken: '' };
    req.page = state;
    this.setLocals(req, res, state);
    return state;
  }

  /** Whether this unsafe request carries the CSRF token its kind of form must carry. */
  async csrfValid(req: PageRequest): Promise<boolean> {
    const state = req.page;
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (!state) return false;
    if (state.person) return verifySessionToken(token, state.person.csrfToken);
    return verifySignedFormToken(token, state.formNonce, await this.sessions.formSigningKey());
  }

  setLanguageCookie(res: Response, lang: Language): void {
    res.cookie(this.cookies.language, lang, cookieOptions(this.secure, 365 * 86_400_000));
  }

  setSessionCookie(res: Response, value: string): void {
    res.cookie(this.cookies.session, value, cookieOptions(this.secure, this.sessions.maxAgeMs));
  }

  clearSessionCookie(res: Response): void {
    clearCookie(res, this.cookies.session, this.secure);
  }

  private languageOf(req: Request, chosen: string | undefined, cookie: string | undefined): Language {
    if (isLanguage(chosen)) return chosen;
    if (isLanguage(cookie)) return cookie;
    const accepted = req.acceptsLanguages([...LANGUAGES]);
    return isLanguage(accepted) ? accepted : FALLBACK_LANGUAGE;
  }

  private setLocals(req: Request, res: Response, state: PageState): void {
    const roles: string[] = state.person?.roles ?? [];
    Object.assign(res.locals, {
      t: state.i18n.t,
      i18n: state.i18n,
      lang: state.lang,
      languages: LANGUAGES,
      person: state.person,
      csrfToken: state.csrfToken,
      // Where the language switcher returns to: this page (a GET) or home.
      path: req.method === 'GET' ? req.originalUrl : '/',
      nav: state.person
        ? NAVIGATION.filter((n) => !n.roles || n.roles.some((r) => roles.includes(r))).map((n) => ({
            href: n.href,
            label: state.i18n.t(n.key),
            current: req.path === n.href || req.path.startsWith(`${n.href}/`),
          }))
        : [],
      errors: [],
    });
  }
}
