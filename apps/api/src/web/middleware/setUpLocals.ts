import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, FALLBACK_LANGUAGE, isLanguage, Language, LANGUAGES } from '@pact/domain';
import { PACT_CONFIG, PactConfig } from '@pact/engine';
import type { Request, RequestHandler, Response } from 'express';
import { parseCookies } from '../cookies';
import { PageCatalogs } from '../i18n/page-catalogs';
import { Translator } from '../i18n/translator';
import type { PageRequest, PageState, SignedIn } from '../page-state';
import { WebContext } from '../web-context';

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
  { href: '/questionnaires', key: 'nav.questionnaires', roles: ['committee'] },
  { href: '/people', key: 'nav.people', roles: ['committee', 'operator'] },
  { href: '/operations', key: 'nav.operations', roles: ['operator'] },
  { href: '/settings', key: 'nav.settings' },
];

/**
 * The page state and what every template gets (res.locals): the language (the person's choice,
 * else the language cookie, else Accept-Language), the translator in their time zone, the
 * navigation for their roles. Error pages answered before the chain got this far use `fallback`.
 */
@Injectable()
export class PageLocals {
  constructor(
    private readonly web: WebContext,
    @Inject(PAGE_CATALOGS) private readonly catalogs: PageCatalogs,
    @Inject(PACT_CONFIG) private readonly pact: PactConfig,
  ) {}

  /** Sets the page state of a request whose session is known. */
  load(req: PageRequest, res: Response, signedIn: SignedIn): PageState {
    const { person } = signedIn;
    const lang = this.languageOf(req, person?.language);
    const state: PageState = {
      ...signedIn,
      lang,
      i18n: new Translator(this.catalogs, lang, person?.timeZone ?? DEFAULT_TIME_ZONE, this.pact.languages.fallback),
      csrfToken: '',
    };
    req.page = state;
    this.setLocals(req, res, state);
    return state;
  }

  /** The minimum an error page needs when the request failed before the chain set the state (a body too large, an unknown path). */
  fallback(req: PageRequest, res: Response): PageState {
    return req.page ?? this.load(req, res, req.signedIn ?? { person: null });
  }

  private languageOf(req: Request, chosen: string | undefined): Language {
    if (isLanguage(chosen)) return chosen;
    const cookie = parseCookies(req.headers.cookie)[this.web.cookies.language];
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
    // Pages show personal data: never kept by a shared cache or the browser's back-forward cache.
    res.setHeader('Cache-Control', 'no-store');
  }
}

/** The page state and the templates' locals, from the signed-in person (setUpWebSession runs first). */
export function setUpLocals(locals: PageLocals): RequestHandler {
  return (req, res, next) => {
    const signedIn = (req as PageRequest).signedIn;
    if (!signedIn) return next(new Error('sign-in state missing: setUpWebSession did not run before setUpLocals'));
    locals.load(req as PageRequest, res, signedIn);
    next();
  };
}
