import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { PAGE_ROLES, SIGNED_OUT_ALLOWED } from './page-metadata';
import { SignInRequired } from './page-errors';
import type { PageRequest } from './page-state';
import type { Role } from '@pact/domain';

/** Every page: sign-in, then role. (CSRF on forms is checked earlier, by the page chain: middleware/setUpCsrf.ts.) */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<PageRequest>();
    const state = req.page;
    if (!state) throw new Error('page state missing: the page chain did not run for this path');
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
