import { Injectable } from '@nestjs/common';
import { Language } from '@pact/domain';
import { EngineSettings, SessionService } from '@pact/engine';
import type { Response } from 'express';
import { clearCookie, CookieNames, cookieNames, cookieOptions } from './cookies';

/**
 * The site's cookies as pages set them: their names (Secure and __Host- with an https PUBLIC_URL)
 * and the session, language and form cookies' options. What a page request knows is set by the
 * page chain (web-app.ts).
 */
@Injectable()
export class WebContext {
  readonly secure: boolean;
  readonly cookies: CookieNames;

  constructor(
    settings: EngineSettings,
    private readonly sessions: SessionService,
  ) {
    this.secure = settings.publicUrl.startsWith('https:');
    this.cookies = cookieNames(this.secure);
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
}
