import type { ErrorRequestHandler } from 'express';
import type { PageErrors } from '../page-error.filter';
import type { PageRequest } from '../page-state';

/**
 * The last step of the page chain: what failed in it (a body too large or malformed, a form
 * without its CSRF token, a store down while the session is read) is answered with an error
 * page, never handed on to the API's JSON answers.
 */
export function setUpPageErrors(errors: PageErrors): ErrorRequestHandler {
  return (err, req, res, _next) => errors.answer(err, req as PageRequest, res);
}
