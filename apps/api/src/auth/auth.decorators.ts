import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal } from '@pact/engine';

import { ApiProblems } from '../http/problem-details';
import type { Role } from '@pact/domain';

export const IS_PUBLIC = 'pact:public';
export const ROLES_KEY = 'pact:roles';
/** Marks public operations in the OpenAPI document (setupOpenApi turns it into `security: []`). */
export const OPENAPI_PUBLIC = 'x-pact-public';

/** Reachable without a token (health, API docs, the calendar feed); the OpenAPI document says so too. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC, true));

/** Only callers holding one of these roles; everyone else authenticated gets 403 (documented as such). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiProblems(403));

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal);

/** How the event log names the caller. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest().principal?.actor ?? 'anonymous');
