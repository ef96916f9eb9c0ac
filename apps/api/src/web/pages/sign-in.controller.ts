import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { SessionService, SignInLinkUnusable, SignInService, TooManySignInRequests } from '@pact/engine';
import type { Request, Response } from 'express';
import { safeNextPath } from '../next-target';
import { Page, PageController, SignedOutAllowed } from '../page.decorators';
import type { PageState } from '../page-state';
import { WebContext } from '../web-context';
import { signInEmail } from './sign-in-form';

/**
 * Sign-in by e-mail link: ask (/sign-in), open the link (/sign-in/<token>: a page with one
 * button, so mail scanners that open links do not use them up), continue (POST: a new session),
 * sign out here or everywhere.
 */
@PageController()
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly web: WebContext,
  ) {}

  @Get('sign-in')
  @SignedOutAllowed()
  form(@Page() page: PageState, @Query('next') next: unknown, @Res() res: Response) {
    res.render('pages/sign-in', { title: page.i18n.t('signIn.title'), next: safeNextPath(next) ?? '', email: '' });
  }

  @Post('sign-in')
  @SignedOutAllowed()
  async request(@Page() page: PageState, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const t = page.i18n.t;
    const { email, problem } = signInEmail(body.email);
    const next = safeNextPath(body.next) ?? '';
    const again = (status: number, message: string, headers: Record<string, string> = {}) =>
      res
        .status(status)
        .set(headers)
        .render('pages/sign-in', { title: t('signIn.title'), next, email, errors: [{ field: 'email', message }] });
    if (problem) return again(400, t(`signIn.${problem}`));
    try {
      await this.signIn.requestLink({ email, next: next || '/', client: req.ip ?? 'unknown', language: page.lang });
    } catch (err) {
      if (!(err instanceof TooManySignInRequests)) throw err;
      return again(429, t('signIn.tooMany', { minutes: Math.ceil(err.retryAfterSeconds / 60) }), { 'Retry-After': String(err.retryAfterSeconds) });
    }
    // The same page whether the address is known or not; the address stays out of any URL.
    res.status(200).render('pages/check-email', { title: t('checkEmail.title'), email, next });
  }

  @Get('sign-in/:token')
  @SignedOutAllowed()
  async link(@Page() page: PageState, @Param('token') token: string, @Res() res: Response) {
    if (!(await this.signIn.isUsable(token))) return this.unusable(page, res);
    res.render('pages/sign-in-link', { title: page.i18n.t('link.title'), token });
  }

  @Post('sign-in/:token')
  @SignedOutAllowed()
  async redeem(@Page() page: PageState, @Param('token') token: string, @Res() res: Response) {
    try {
      // Whatever session id the browser brought is ended and a new one issued (no fixation).
      const started = await this.signIn.redeem(token, page.sessionCookie);
      this.web.setSessionCookie(res, started.cookie);
      res.redirect(303, started.next);
    } catch (err) {
      if (err instanceof SignInLinkUnusable) return this.unusable(page, res);
      throw err;
    }
  }

  @Post('sign-out')
  @SignedOutAllowed()
  async signOut(@Page() page: PageState, @Res() res: Response) {
    if (page.sessionCookie) await this.sessions.signOut(page.sessionCookie);
    this.web.clearSessionCookie(res);
    res.redirect(303, '/signed-out');
  }

  @Post('sign-out/everywhere')
  async signOutEverywhere(@Page() page: PageState, @Res() res: Response) {
    await this.sessions.signOutEverywhere(page.person!);
    this.web.clearSessionCookie(res);
    res.redirect(303, '/signed-out?everywhere=1');
  }

  @Get('signed-out')
  @SignedOutAllowed()
  signedOut(@Page() page: PageState, @Query('everywhere') everywhere: unknown, @Res() res: Response) {
    res.render('pages/signed-out', { title: page.i18n.t('signedOut.title'), everywhere: everywhere === '1' });
  }

  private unusable(page: PageState, res: Response) {
    res.status(410).render('pages/sign-in-link-unusable', { title: page.i18n.t('link.unusableTitle') });
  }
}
