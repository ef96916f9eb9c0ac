import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { PAGE_ROLES, SIGNED_OUT_ALLOWED } from './page-metadata';
import { CsrfRefused, SignInRequired } from './page-errors';
import type { PageRequest } from './page-state';
import { WebContext } from './web-context';
import type { Role } from '@pact/domain';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every page: CSRF on forms first, then sign-in, then role. */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly web: WebContext,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<PageRequest>();
    const state = req.page;
    if (!state) throw new Error('page state missing: WebContext did not run for this path');
    if (!SAFE.has(req.method) && !(await this.web.csrfValid(req))) throw new CsrfRefused();
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (!state.person) {
      if (this.reflector.getAllAndOverride<boolean>(SIGNED_OUT_ALLOWED, targets)) return true;
      throw new SignInRequired(req.method === 'GET' ? req.originalUrl : undefined);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(PAGE_ROLES, targets);
    if (roles?.length && !roles.some((r) => state.person!.roles.includes(r))) throw new ForbiddenException(`needs the role ${roles.join(' or ')}`);
    return true;
  }
}
