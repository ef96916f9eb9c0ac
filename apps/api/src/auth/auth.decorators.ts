import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from '@pact/engine';
import type { Role } from '@pact/persistence';

export const IS_PUBLIC = 'pact:public';
export const ROLES_KEY = 'pact:roles';

/** Reachable without a token (health, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only callers holding one of these roles; everyone else authenticated gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal);

/** How the event log names the caller. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest().principal?.actor ?? 'anonymous');
