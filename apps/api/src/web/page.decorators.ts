import { applyDecorators, Controller, createParamDecorator, ExecutionContext, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { Public } from '../auth/auth.decorators';
import { PageErrorFilter } from './page-error.filter';
import { PAGE_ROLES, SIGNED_OUT_ALLOWED } from './page-metadata';
import { PageGuard } from './page.guard';
import type { PageRequest, PageState } from './page-state';
import type { Role } from '@pact/domain';

/**
 * A controller of people's pages. Pages authenticate by session, not by API token: the API's
 * token guard is told to stand aside (Public) and PageGuard decides (sign-in, roles, CSRF on
 * every form). Errors become pages (PageErrorFilter); nothing here is in the OpenAPI document.
 */
export function PageController(path = ''): ClassDecorator {
  return applyDecorators(Controller(path), Public(), ApiExcludeController(), UseGuards(PageGuard), UseFilters(PageErrorFilter));
}

/** Open without signing in (sign-in pages, the language switch). Forms still need their CSRF token. */
export const SignedOutAllowed = () => SetMetadata(SIGNED_OUT_ALLOWED, true);

/** Only people with one of these roles; the others get the 403 page. */
export const PageRoles = (...roles: Role[]) => SetMetadata(PAGE_ROLES, roles);

/** The page state of this request (person, language, translator, CSRF token). */
export const Page = createParamDecorator((_: unknown, ctx: ExecutionContext): PageState => {
  const state = ctx.switchToHttp().getRequest<PageRequest>().page;
  if (!state) throw new Error('page state missing: the page chain did not run for this path');
  return state;
});
