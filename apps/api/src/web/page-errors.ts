/** Raised at the page edge: the person must sign in first (GET: then come back to `next`). */
export class SignInRequired extends Error {
  constructor(readonly next?: string) {
    super('sign-in required');
  }
}

/** A form without a valid CSRF token: answered 403 with the "form could not be sent" page. */
export class CsrfRefused extends Error {
  constructor() {
    super('the form had no valid CSRF token');
  }
}
