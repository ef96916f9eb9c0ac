import type { Person } from '@pact/engine';
import type { Request } from 'express';
import type { Language } from '@pact/domain';
import type { Translator } from './i18n/translator';

/** What the web layer knows about a page request, set by WebContext before any page runs. */
export interface PageState {
  person: Person | null;
  lang: Language;
  i18n: Translator;
  /** The token this request's forms carry (session synchronizer, or signed double submit). */
  csrfToken: string;
  /** The session cookie the browser sent, if any (ended and replaced at sign-in). */
  sessionCookie?: string;
  /** The double-submit nonce in the browser's form cookie. */
  formNonce?: string;
}

export type PageRequest = Request & { page?: PageState };
