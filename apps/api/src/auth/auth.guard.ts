import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IdentityService } from '@pact/engine';

import type { Request, Response } from 'express';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import { tokenFromRequest } from './bearer-token';
import type { Role } from '@pact/domain';

/**
 * The one way in: every route needs a valid bearer token unless marked @Public, and a role
 * from @Roles when it names any. 401 says "who are you?", 403 "you may not".
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: unknown }>();
    const res = ctx.switchToHttp().getResponse<Response>();
    // An address that failed too often is turned away before its token costs a lookup.
    this.failures.assertAllowed(req, res);
    const token = tokenFromRequest(req);
    const principal = token ? await this.identity.authenticate(token) : null;
    if (!principal) {
      this.failures.recordFailure(req);
      res.setHeader('WWW-Authenticate', 'Bearer realm="pact"');
      throw new UnauthorizedException(token ? 'the token is unknown, expired or revoked' : 'a bearer token is required (Authorization: Bearer <token>)');
    }
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !roles.some((r) => principal.roles.includes(r))) {
      throw new ForbiddenException(`this needs the role ${roles.join(' or ')}; you have ${principal.roles.join(', ')}`);
    }
    return true;
  }
}
