import type { Person } from '@pact/engine';
import type { Request } from 'express';
import type { Language } from '@pact/domain';
import type { Translator } from './i18n/translator';

/** Who the session cookie signed in (middleware/setUpWebSession.ts). */
export interface SignedIn {
  person: Person | null;
  /** The session cookie the browser sent, if any (ended and replaced at sign-in). */
  sessionCookie?: string;
}

/** What the web layer knows about a page request, set by the page chain (web-app.ts) before any page runs. */
export interface PageState extends SignedIn {
  lang: Language;
  i18n: Translator;
  /** The token this request's forms carry (middleware/setUpCsrf.ts; empty on an error page answered before it ran). */
  csrfToken: string;
}

export type PageRequest = Request & { page?: PageState; signedIn?: SignedIn };
